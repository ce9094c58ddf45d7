namespace ManagedServices;

/// <summary>
/// ISO 8601 durations as ARM writes them: always in hours, minutes and seconds (<c>PT8H</c>, <c>PT30M</c>,
/// <c>PT24H</c>, never <c>P1D</c>). Parsing also accepts days and fractional seconds.
/// </summary>
internal static class IsoDuration
{
    /// <summary>Longest accepted duration text; anything longer is refused before it is looked at.</summary>
    private const int MaxLength = 64;

    public static string Format(TimeSpan value)
    {
        // Integer arithmetic on the magnitude in ticks (unsigned, so TimeSpan.MinValue has one too): exact for every value.
        var negative = value.Ticks < 0;
        var magnitude = negative ? (ulong)-(value.Ticks + 1) + 1 : (ulong)value.Ticks;
        var hours = magnitude / TimeSpan.TicksPerHour;
        var minutes = magnitude % TimeSpan.TicksPerHour / TimeSpan.TicksPerMinute;
        var ticks = magnitude % TimeSpan.TicksPerMinute;
        var sb = new StringBuilder(negative ? "-PT" : "PT");
        if (hours > 0)
        {
            sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('H');
        }

        if (minutes > 0)
        {
            sb.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
        }

        if (ticks > 0 || (hours == 0 && minutes == 0))
        {
            var seconds = ticks / (decimal)TimeSpan.TicksPerSecond;
            sb.Append(seconds.ToString("0.#######", CultureInfo.InvariantCulture)).Append('S');
        }

        return sb.ToString();
    }

    public static bool TryParse(ReadOnlySpan<char> s, out TimeSpan value)
    {
        value = default;
        if (s.IsEmpty || s.Length > MaxLength || s[0] != 'P')
        {
            return false;
        }

        var i = 1;
        var inTime = false;
        var any = false;
        decimal totalSeconds = 0;
        var lastUnit = 0; // enforce order D < H < M < S
        while (i < s.Length)
        {
            if (s[i] == 'T')
            {
                if (inTime)
                {
                    return false;
                }

                inTime = true;
                i++;
                if (i == s.Length)
                {
                    return false;
                }

                continue;
            }

            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (i == start || i == s.Length ||
                !decimal.TryParse(s[start..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
            {
                return false;
            }

            var unit = s[i++];
            (int order, decimal factor) = (unit, inTime) switch
            {
                ('D', false) => (1, 86400m),
                ('H', true) => (2, 3600m),
                ('M', true) => (3, 60m),
                ('S', true) => (4, 1m),
                _ => (0, 0m),
            };
            if (order <= lastUnit || (order != 4 && n != decimal.Truncate(n)))
            {
                return false;
            }

            lastUnit = order;
            any = true;
            const decimal MaxSeconds = 100L * 365 * 86400; // a century: far beyond any policy, far below overflow
            if (n > MaxSeconds / factor)
            {
                return false;
            }

            totalSeconds += n * factor;
            if (totalSeconds > MaxSeconds)
            {
                return false;
            }
        }

        if (!any)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)(totalSeconds * TimeSpan.TicksPerSecond));
        return true;
    }
}
