using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace ManagedServices.Cli;

/// <summary>
/// Validators that report usage errors (exit 2) while the command line is parsed, before any file is read: malformed
/// GUIDs and instants, options that need or exclude others. The commands add them in their definitions.
/// </summary>
internal static class CliValidation
{
    /// <summary>The ISO 8601 forms an instant option accepts: date and time to the minute, second or fraction, with <c>Z</c>, an offset or neither (then UTC).</summary>
    internal static readonly string[] IsoInstantFormats = ["yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    /// <summary>Each value of the option must be a GUID (as <see cref="GuidText"/> reads them).</summary>
    public static T MustBeGuid<T>(this T option)
        where T : Option
    {
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (!GuidText.TryParse(token.Value, out _))
                {
                    result.AddError($"{option.Name} '{token.Value}' is not a GUID");
                    return;
                }
            }
        });
        return option;
    }

    /// <summary>The option's value must be an ISO 8601 instant (<see cref="IsoInstantFormats"/>).</summary>
    public static Option<string?> MustBeInstant(this Option<string?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !TryParseInstant(result.Tokens[0].Value, out _))
            {
                result.AddError($"{option.Name} '{result.Tokens[0].Value}' is not an ISO 8601 instant");
            }
        });
        return option;
    }

    /// <summary>
    /// The option's value must be an ARM scope as the library reads one (<see cref="ResourceScope.TryParse(string, out ResourceScope)"/>);
    /// with <paramref name="atOrBelowSubscription"/>, a subscription, resource group or resource (not the tenant root or a
    /// management group).
    /// </summary>
    public static Option<string> MustBeResourceId(this Option<string> option, bool atOrBelowSubscription = false)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 &&
                (!ResourceScope.TryParse(result.Tokens[0].Value, out var scope) || (atOrBelowSubscription && scope.Kind < ScopeKind.Subscription)))
            {
                result.AddError($"{option.Name} '{result.Tokens[0].Value}' is not an ARM resource ID" + (atOrBelowSubscription ? " at or below a subscription" : ""));
            }
        });
        return option;
    }

    /// <summary>Parses an instant validated by <see cref="MustBeInstant"/>.</summary>
    public static bool TryParseInstant(string text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParseExact(text, IsoInstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);

    /// <summary>Adds a validator to the command that reports <paramref name="message"/> when <paramref name="wrong"/> holds.</summary>
    public static void Forbid(this Command command, Func<CommandResult, bool> wrong, string message) =>
        command.Validators.Add(result =>
        {
            if (wrong(result))
            {
                result.AddError(message);
            }
        });

    /// <summary>True when the option was given on the command line.</summary>
    public static bool Has(this CommandResult result, Option option) => result.GetResult(option) is { Implicit: false };
}
