namespace ManagedServices;

/// <summary>The object ID (a GUID) of a user, group or service principal in the managing tenant.</summary>
/// <remarks>Formats as a lower-case GUID with hyphens (<c>D</c> format). The default value is the empty GUID.</remarks>
public readonly struct PrincipalId : IEquatable<PrincipalId>, IComparable<PrincipalId>, ISpanParsable<PrincipalId>, ISpanFormattable
{
    /// <summary>Creates the identifier from a GUID.</summary>
    /// <param name="value">The GUID.</param>
    public PrincipalId(Guid value) => Value = value;

    /// <summary>The GUID.</summary>
    public Guid Value { get; }

    /// <summary>True when the GUID is empty (the default value).</summary>
    public bool IsEmpty => Value == Guid.Empty;

    /// <summary>Parses a GUID string (exactly 36 characters with hyphens, any letter case).</summary>
    /// <param name="s">The text.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a GUID.</exception>
    public static PrincipalId Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan());
    }

    /// <summary>Parses a GUID string (exactly 36 characters with hyphens, any letter case).</summary>
    /// <param name="s">The text.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="FormatException">The text is not a GUID.</exception>
    public static PrincipalId Parse(ReadOnlySpan<char> s) =>
        TryParse(s, out var result) ? result : throw new FormatException($"'{MessageText.Clip(s)}' is not a valid principal ID (a GUID).");

    /// <summary>Tries to parse a GUID string. Never throws.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The identifier.</param>
    /// <returns>True on success.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out PrincipalId result) => TryParse(s.AsSpan(), out result);

    /// <summary>Tries to parse a GUID string. Never throws.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The identifier.</param>
    /// <returns>True on success.</returns>
    public static bool TryParse(ReadOnlySpan<char> s, out PrincipalId result)
    {
        var ok = GuidText.TryParse(s, out var guid);
        result = new PrincipalId(guid);
        return ok;
    }

    /// <inheritdoc/>
    static PrincipalId IParsable<PrincipalId>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    static PrincipalId ISpanParsable<PrincipalId>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    static bool IParsable<PrincipalId>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out PrincipalId result) => TryParse(s, out result);

    /// <inheritdoc/>
    static bool ISpanParsable<PrincipalId>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out PrincipalId result) => TryParse(s, out result);

    /// <inheritdoc/>
    public bool Equals(PrincipalId other) => Value == other.Value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PrincipalId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Value.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(PrincipalId other) => Value.CompareTo(other.Value);

    /// <summary>The lower-case GUID (<c>D</c> format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Value.ToString("D");

    /// <inheritdoc/>
    string IFormattable.ToString(string? format, IFormatProvider? formatProvider) => Value.ToString(format ?? "D", formatProvider);

    /// <inheritdoc/>
    bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        Value.TryFormat(destination, out charsWritten, format.IsEmpty ? "D" : format);

    /// <summary>Compares two identifiers.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(PrincipalId left, PrincipalId right) => left.Equals(right);

    /// <summary>Compares two identifiers.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(PrincipalId left, PrincipalId right) => !left.Equals(right);

    /// <summary>Orders two identifiers.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when <paramref name="left"/> sorts first.</returns>
    public static bool operator <(PrincipalId left, PrincipalId right) => left.CompareTo(right) < 0;

    /// <summary>Orders two identifiers.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when <paramref name="left"/> sorts first or they are equal.</returns>
    public static bool operator <=(PrincipalId left, PrincipalId right) => left.CompareTo(right) <= 0;

    /// <summary>Orders two identifiers.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when <paramref name="left"/> sorts last.</returns>
    public static bool operator >(PrincipalId left, PrincipalId right) => left.CompareTo(right) > 0;

    /// <summary>Orders two identifiers.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when <paramref name="left"/> sorts last or they are equal.</returns>
    public static bool operator >=(PrincipalId left, PrincipalId right) => left.CompareTo(right) >= 0;
}
