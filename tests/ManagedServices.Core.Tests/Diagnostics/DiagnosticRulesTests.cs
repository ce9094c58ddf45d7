using System.Reflection;
using System.Text.RegularExpressions;

namespace ManagedServices.Tests.Diagnostics;

/// <summary>The diagnostics catalogue: one rule per code, named after its constant, with help texts that speak of the command line and the documents, never of this library's types.</summary>
public class DiagnosticRulesTests
{
    private static IReadOnlyList<(string Name, string Code)> Codes() =>
        [.. typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(static f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(static f => (f.Name, (string)f.GetRawConstantValue()!))];

    [Fact]
    public void EveryCode_HasOneRule_NamedAfterItsConstant()
    {
        var missing = Codes().Where(static c => DiagnosticRules.Find(c.Code) is not { } rule || rule.Name != c.Name).Select(static c => $"{c.Code} ({c.Name})").ToList();

        Assert.True(missing.Count == 0, "codes without a rule in DiagnosticRules (or with another name): " + string.Join(", ", missing));
        Assert.Equal(Codes().Count, DiagnosticRules.All.Length);
        Assert.Equal(DiagnosticRules.All.Select(static r => r.Code).Order(StringComparer.Ordinal), DiagnosticRules.All.Select(static r => r.Code));
    }

    [Fact]
    public void TitlesAndHelp_AreOneLineSentences()
    {
        Assert.All(DiagnosticRules.All, static r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Title), r.Code);
            Assert.False(string.IsNullOrWhiteSpace(r.Help), r.Code);
            Assert.DoesNotContain('\n', r.Title + r.Help);
            Assert.DoesNotContain("<c>", r.Title + r.Help, StringComparison.Ordinal);
            Assert.EndsWith(".", r.Help, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Help_NeverNamesALibraryType_OrMember()
    {
        // Compound type names (OfferValidator, RoleCatalog, ...) and calls (Name(...), Type.Member) are library speak.
        var types = typeof(DiagnosticCodes).Assembly.GetExportedTypes()
            .Select(static t => t.Name.Split('`')[0])
            .Where(static n => Regex.IsMatch(n, "^[A-Z][a-z]+[A-Z]", RegexOptions.CultureInvariant))
            .ToHashSet(StringComparer.Ordinal);
        var call = new Regex(@"\b[A-Z][A-Za-z]+(\.[A-Z][A-Za-z]+|\()", RegexOptions.CultureInvariant);
        Assert.Contains("OfferValidator", types);

        var offending = DiagnosticRules.All
            .Select(r => (r.Code, Words: Regex.Matches(r.Help + " " + r.Title, "[A-Za-z]+").Select(static m => m.Value).Where(types.Contains).ToList(), Call: call.Match(Regex.Replace(r.Help, @"Microsoft\.[A-Za-z]+", "", RegexOptions.CultureInvariant))))
            .Where(static x => x.Words.Count > 0 || x.Call.Success)
            .Select(static x => $"{x.Code}: {string.Join(", ", x.Words)} {(x.Call.Success ? x.Call.Value : "")}")
            .ToList();

        Assert.True(offending.Count == 0, "help texts that name library types: " + string.Join("; ", offending));
    }
}
