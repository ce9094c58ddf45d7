using System.Text.Json;
using System.Text.Json.Serialization;
using ManagedServices.Arm;
using ManagedServices.Offers;

namespace ManagedServices.Serialization;

/// <summary>
/// Configures caller-owned <see cref="JsonSerializerOptions"/> for this library's value types, with the same text
/// forms as the ARM templates and offer documents: identifiers as lower-case GUIDs, <see cref="TimeSpan"/> as an
/// ISO 8601 duration (<c>PT8H</c>), versions as <c>n.n.n</c>, scopes as ARM IDs, enums as names.
/// </summary>
/// <remarks>The converters are AOT- and trimming-safe. Records of this library are serialized by the caller's own
/// options (reflection or a source-generated context of the caller); for a lossless, versioned offer file use
/// <see cref="OfferDocument"/>.</remarks>
public static class ManagedServicesJsonSerializerOptionsExtensions
{
    /// <summary>Adds the converters of this library to <paramref name="options"/>.</summary>
    /// <param name="options">The options to configure (not yet used for serialization).</param>
    /// <returns>The same options, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <remarks><see cref="TimeSpan"/> values of every member are written as ISO 8601 durations once this is applied.</remarks>
    public static JsonSerializerOptions ConfigureForManagedServices(this JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new TextConverter<TenantId>(static s => TenantId.TryParse(s, out var v) ? v : null, static v => v.ToString()));
        options.Converters.Add(new TextConverter<PrincipalId>(static s => PrincipalId.TryParse(s, out var v) ? v : null, static v => v.ToString()));
        options.Converters.Add(new TextConverter<SubscriptionId>(static s => SubscriptionId.TryParse(s, out var v) ? v : null, static v => v.ToString()));
        options.Converters.Add(new TextConverter<RoleDefinitionId>(static s => RoleDefinitionId.TryParse(s, out var v) ? v : null, static v => v.ToString()));
        options.Converters.Add(new TextConverter<ManifestVersion>(static s => ManifestVersion.TryParse(s, out var v) ? v : null, static v => v.ToString()));
        options.Converters.Add(new TextConverter<ResourceScope>(static s => ResourceScope.TryParse(s, out var v) ? v : null, static v => v.ToString()));
        options.Converters.Add(new TextConverter<MultiFactorAuthProvider>(static s => new MultiFactorAuthProvider(s), static v => v.ToString()));
        options.Converters.Add(new TextConverter<TimeSpan>(static s => IsoDuration.TryParse(s, out var v) ? v : null, IsoDuration.Format));
        options.Converters.Add(new JsonStringEnumConverter<PrincipalKind>());
        options.Converters.Add(new JsonStringEnumConverter<PlanVisibility>());
        options.Converters.Add(new JsonStringEnumConverter<DiagnosticSeverity>());
        options.Converters.Add(new JsonStringEnumConverter<OnboardingTargetKind>());
        options.Converters.Add(new JsonStringEnumConverter<OnboardingTemplateKind>());
        return options;
    }

    private sealed class TextConverter<T>(Func<string, T?> parse, Func<T, string> format) : JsonConverter<T>
        where T : struct
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"Expected a string for {typeof(T).Name}.");
            }

            var text = reader.GetString()!;
            return parse(text) ?? throw new JsonException($"'{MessageText.Clip(text)}' is not a valid {typeof(T).Name}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(format(value));
    }
}
