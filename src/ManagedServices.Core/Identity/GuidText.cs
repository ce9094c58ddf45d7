namespace ManagedServices;

/// <summary>Strict GUID parsing shared by the identifier types.</summary>
internal static class GuidText
{
    private const string RoleDefinitionsSegment = "/providers/Microsoft.Authorization/roleDefinitions/";

    /// <summary>Accepts exactly the 36-character hyphenated form (any letter case), nothing else.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out Guid value)
    {
        if (s.Length == 36 && Guid.TryParseExact(s, "D", out value))
        {
            return true;
        }

        value = Guid.Empty;
        return false;
    }

    /// <summary>Accepts a bare GUID or an ARM role definition resource ID ending in one.</summary>
    public static bool TryParseRoleDefinition(ReadOnlySpan<char> s, out Guid value)
    {
        if (TryParse(s, out value))
        {
            return true;
        }

        // The longest accepted form is "/subscriptions/{guid}" + RoleDefinitionsSegment + "{guid}": refuse longer text unscanned.
        if (s.Length > 15 + 36 + RoleDefinitionsSegment.Length + 36)
        {
            return false;
        }

        var at = s.IndexOf(RoleDefinitionsSegment.AsSpan(), StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return false;
        }

        var prefix = s[..at];
        // Either nothing, or exactly "/subscriptions/{guid}" before the provider segment.
        if (!prefix.IsEmpty)
        {
            const string Subscriptions = "/subscriptions/";
            if (!prefix.StartsWith(Subscriptions, StringComparison.OrdinalIgnoreCase) ||
                !TryParse(prefix[Subscriptions.Length..], out _))
            {
                return false;
            }
        }

        return TryParse(s[(at + RoleDefinitionsSegment.Length)..], out value);
    }

    /// <summary>Shortens untrusted text for an error message.</summary>
    public static string Clip(ReadOnlySpan<char> s)
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
