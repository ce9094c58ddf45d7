namespace ManagedServices.Offers;

/// <summary>A delegation manifest version of the form <c>n.n.n</c> (for example <c>1.2.5</c>), ordered numerically.</summary>
/// <remarks>The operators <c>==</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c> and <c>&gt;=</c> are generated from <see cref="Equals(ManifestVersion)"/> and <see cref="CompareTo"/>.</remarks>
[ComparisonOperators("versions", Before = "is older", After = "is newer")]
public readonly partial struct ManifestVersion : IEquatable<ManifestVersion>, IComparable<ManifestVersion>, ISpanParsable<ManifestVersion>
{
    /// <summary>Creates a version.</summary>
    /// <param name="major">The first number.</param>
    /// <param name="minor">The second number.</param>
    /// <param name="patch">The third number.</param>
    /// <exception cref="ArgumentOutOfRangeException">A number is negative.</exception>
    public ManifestVersion(int major, int minor, int patch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(major);
        ArgumentOutOfRangeException.ThrowIfNegative(minor);
        ArgumentOutOfRangeException.ThrowIfNegative(patch);
        Major = major;
        Minor = minor;
        Patch = patch;
    }

    /// <summary>Version <c>1.0.0</c>, the version given to manifests that have none (ARM onboarding).</summary>
    public static ManifestVersion Initial { get; } = new(1, 0, 0);

    /// <summary>The first number.</summary>
    public int Major { get; }

    /// <summary>The second number.</summary>
    public int Minor { get; }

    /// <summary>The third number.</summary>
    public int Patch { get; }

    /// <summary>Parses <c>n.n.n</c> (ASCII digits only, no signs or spaces).</summary>
    /// <param name="s">The text.</param>
    /// <returns>The version.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="FormatException">The text is not of the form <c>n.n.n</c>.</exception>
    public static ManifestVersion Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan());
    }

    /// <summary>Parses <c>n.n.n</c> (ASCII digits only, no signs or spaces).</summary>
    /// <param name="s">The text.</param>
    /// <returns>The version.</returns>
    /// <exception cref="FormatException">The text is not of the form <c>n.n.n</c>.</exception>
    public static ManifestVersion Parse(ReadOnlySpan<char> s) =>
        TryParse(s, out var v) ? v : throw new FormatException($"'{MessageText.Clip(s)}' is not a manifest version of the form n.n.n.");

    /// <summary>Tries to parse <c>n.n.n</c>. Never throws.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The version.</param>
    /// <returns>True on success.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out ManifestVersion result) => TryParse(s.AsSpan(), out result);

    /// <inheritdoc/>
    static ManifestVersion IParsable<ManifestVersion>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    static ManifestVersion ISpanParsable<ManifestVersion>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    static bool IParsable<ManifestVersion>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ManifestVersion result) => TryParse(s, out result);

    /// <inheritdoc/>
    static bool ISpanParsable<ManifestVersion>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out ManifestVersion result) => TryParse(s, out result);

    /// <summary>Tries to parse <c>n.n.n</c>. Never throws.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The version.</param>
    /// <returns>True on success.</returns>
    public static bool TryParse(ReadOnlySpan<char> s, out ManifestVersion result)
    {
        result = default;
        if (s.Length > 32)
        {
            return false; // longer than "2147483647.2147483647.2147483647": refused unscanned
        }

        Span<int> parts = stackalloc int[3];
        var part = 0;
        var start = 0;
        for (var i = 0; i <= s.Length; i++)
        {
            if (i < s.Length && s[i] != '.')
            {
                if (s[i] is < '0' or > '9')
                {
                    return false;
                }

                continue;
            }

            if (part == 3 || i == start ||
                !int.TryParse(s[start..i], NumberStyles.None, CultureInfo.InvariantCulture, out parts[part]))
            {
                return false;
            }

            part++;
            start = i + 1;
        }

        if (part != 3)
        {
            return false;
        }

        result = new ManifestVersion(parts[0], parts[1], parts[2]);
        return true;
    }

    /// <inheritdoc/>
    public int CompareTo(ManifestVersion other)
    {
        var c = Major.CompareTo(other.Major);
        if (c == 0)
        {
            c = Minor.CompareTo(other.Minor);
        }

        return c == 0 ? Patch.CompareTo(other.Patch) : c;
    }

    /// <inheritdoc/>
    public bool Equals(ManifestVersion other) => Major == other.Major && Minor == other.Minor && Patch == other.Patch;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ManifestVersion other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Major, Minor, Patch);

    /// <summary>Formats as <c>n.n.n</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
}
