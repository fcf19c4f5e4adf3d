namespace Streams.Options;

/// <summary>
/// An options record with rules of its own. The same rules serve a record bound from a pipeline file, where each
/// broken rule is reported at its file, line and column, and one built in code, where
/// <see cref="OptionsValidator.ThrowIfInvalid"/> turns them into one exception.
/// </summary>
public interface IValidatableOptions
{
    /// <summary>Reports every broken rule to <paramref name="validation"/>; never throws for bad values.</summary>
    void Validate(OptionsValidation validation);
}
