namespace ManagedServices;

/// <summary>Text for diagnostic and exception messages built from untrusted input.</summary>
internal static class MessageText
{
    /// <summary>Shortens untrusted text for an error message.</summary>
    internal static string Clip(ReadOnlySpan<char> s)
    {
        const int Max = 80;
        var text = s.Length <= Max ? s.ToString() : string.Concat(s[..Max], "…");
        return string.Create(text.Length, text, static (span, t) =>
        {
            for (var i = 0; i < t.Length; i++)
            {
                span[i] = char.IsControl(t[i]) ? '?' : t[i];
            }
        });
    }
}
