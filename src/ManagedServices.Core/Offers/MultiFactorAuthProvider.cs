using System.ComponentModel;

namespace ManagedServices.Offers;

/// <summary>
/// Whether activating an eligible authorization requires multifactor authentication (<c>multiFactorAuthProvider</c>).
/// An extensible set: values the service adds later are kept and compared case-insensitively.
/// </summary>
public readonly struct MultiFactorAuthProvider : IEquatable<MultiFactorAuthProvider>
{
    private const string AzureValue = "Azure";
    private const string NoneValue = "None";
    private readonly string? _value;

    /// <summary>Creates a value from its wire text.</summary>
    /// <param name="value">The text, for example <c>Azure</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public MultiFactorAuthProvider(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Microsoft Entra multifactor authentication is required at activation.</summary>
    public static MultiFactorAuthProvider Azure { get; } = new(AzureValue);

    /// <summary>No multifactor authentication is required (the service's default, and the value of <c>default</c>).</summary>
    public static MultiFactorAuthProvider None { get; } = new(NoneValue);

    /// <summary>True when this value requires multifactor authentication (<see cref="Azure"/>).</summary>
    public bool RequiresMfa => Equals(Azure);

    /// <summary>True when the value is one of the values this library knows (<see cref="Azure"/> or <see cref="None"/>).</summary>
    public bool IsKnown => Equals(Azure) || Equals(None);

    /// <summary>Converts wire text to a value.</summary>
    /// <param name="value">The text.</param>
    public static implicit operator MultiFactorAuthProvider(string value) => new(value);

    /// <summary>Converts wire text to a value.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The value.</returns>
    public static MultiFactorAuthProvider FromString(string value) => new(value);

    /// <summary>Compares two values case-insensitively.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(MultiFactorAuthProvider left, MultiFactorAuthProvider right) => left.Equals(right);

    /// <summary>Compares two values case-insensitively.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(MultiFactorAuthProvider left, MultiFactorAuthProvider right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(MultiFactorAuthProvider other) => string.Equals(ToString(), other.ToString(), StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is MultiFactorAuthProvider other && Equals(other);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(ToString());

    /// <summary>The wire text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => _value ?? NoneValue;
}
