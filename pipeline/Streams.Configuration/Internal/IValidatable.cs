namespace Streams.Configuration.Internal;

/// <summary>An options type with rules of its own, checked after binding.</summary>
internal interface IValidatable
{
    /// <summary>Reports every broken rule to <paramref name="context"/>; never throws for bad values.</summary>
    void Validate(ValidationContext context);
}
