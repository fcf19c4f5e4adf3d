namespace Streams.Options;

/// <summary>Runs an options record's rules where it was built in code, with no file to point into.</summary>
public static class OptionsValidator
{
    /// <summary>Every broken rule of <paramref name="options"/>, as <c>Property: message</c>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Errors(IValidatableOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new CollectingValidation(options);
        options.Validate(validation);
        return validation.Errors;
    }

    /// <summary>Throws when any rule of <paramref name="options"/> is broken, naming each.</summary>
    /// <exception cref="ArgumentException">The options break a rule; the message lists every one.</exception>
    public static void ThrowIfInvalid(IValidatableOptions options, string? paramName = null)
    {
        IReadOnlyList<string> errors = Errors(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException($"{options.GetType().Name}: {string.Join("; ", errors)}.", paramName);
        }
    }

    private sealed class CollectingValidation(object target) : OptionsValidation(target)
    {
        public List<string> Errors { get; } = [];

        public override void Error(object target, string property, string message) =>
            Errors.Add(ReferenceEquals(target, Target) ? $"{property} {message}" : $"{target.GetType().Name}.{property} {message}");

        public override void ItemError(string property, int index, string message) => Errors.Add($"{property}[{index}] {message}");
    }
}
