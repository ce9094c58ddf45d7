using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Access;
using ManagedServices.Arm;
using ManagedServices.Tests.Arm;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Scopes;

/// <summary>
/// ARM's resource group name rule, held in one place (<see cref="ResourceScope.IsValidResourceGroupName"/>) and
/// applied by the scope parser, the request scanner, the template reader and writer alike. The reference below is
/// written from Microsoft's naming rules page (Microsoft.Resources/resourcegroups: 1-90 characters, "underscores,
/// hyphens, periods, parentheses, and letters or digits as defined by the Char.IsLetterOrDigit function", "can't end
/// with period"), by Unicode category rather than by calling the same .NET function.
/// </summary>
public class ResourceGroupNameTests
{
    private const string Sub = "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b";

    private static bool Reference(string name) =>
        name.Length is >= 1 and <= 90 && name[^1] != '.' &&
        name.All(static c => c is '_' or '-' or '.' or '(' or ')' || CharUnicodeInfo.GetUnicodeCategory(c) is
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or
            UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber);

    [Theory]
    [InlineData("rg1", true)]
    [InlineData("RG-App_(prod).v2", true)]
    [InlineData("Ressourcengruppe-Übersicht", true)] // Unicode letters
    [InlineData("資源", true)]
    [InlineData("a", true)]
    [InlineData("", false)]
    [InlineData("rg.", false)]
    [InlineData("rg/../other", false)]
    [InlineData("rg/other", false)]
    [InlineData("..", false)]
    [InlineData("rg 1", false)]
    [InlineData("rg%2F", false)]
    [InlineData("rg*", false)]
    [InlineData("rg\u200B", false)]
    [InlineData("rg\uD800", false)]
    public void IsValidResourceGroupName_Examples(string name, bool valid)
    {
        Assert.Equal(valid, ResourceScope.IsValidResourceGroupName(name));
        Assert.Equal(valid, Reference(name));
    }

    [Fact]
    public void IsValidResourceGroupName_LengthLimitIs90()
    {
        Assert.True(ResourceScope.IsValidResourceGroupName(new string('r', 90)));
        Assert.False(ResourceScope.IsValidResourceGroupName(new string('r', 91)));
        Assert.False(ResourceScope.IsValidResourceGroupName(null));
    }

    [Property(MaxTest = 1000)]
    public Property EveryReader_AppliesTheSameRule() =>
        Prop.ForAll(Arb.From(Gen.OneOf(HostileText.Any(), Name())), static name =>
        {
            var valid = Reference(name);
            var scope = Sub + "/resourceGroups/" + name;
            var scoped = !name.Contains('/'); // a '/' in the text makes other segments (or a trailing '/'): TrailingSlashTests
            return ResourceScope.IsValidResourceGroupName(name) == valid &&
                   (!scoped || ResourceScope.TryParse(scope, out var s) == valid && (!valid || s.ResourceGroupName == name)) &&
                   (!scoped || RequestText.TryScanScope(scope, out var parts) == valid && (!valid || parts.ResourceGroup.SequenceEqual(name))) &&
                   WriterAccepts(name) == valid &&
                   ReaderAccepts(name) == valid;
        });

    [Fact]
    public void Read_NestedDeploymentToBadResourceGroup_IsADiagnosticNotAnException()
    {
        var (template, parameters) = Files();
        var read = OnboardingTemplate.Read(template, parameters.Replace("\"rg1\"", "\"rg/../other\"", StringComparison.Ordinal));

        var error = Assert.Single(read.Diagnostics, static d => d.Code == DiagnosticCodes.InvalidResourceGroupName);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("rg/../other", error.Message, StringComparison.Ordinal);
        Assert.True(read.HasErrors);
    }

    [Fact]
    public void Write_BadName_IsTheSameDiagnostic()
    {
        var written = OnboardingTemplate.Write(TemplateSamples.Definition(), OnboardingTarget.ForResourceGroup("rg/../other"));

        Assert.Contains(written.Diagnostics, static d => d.Code == DiagnosticCodes.InvalidResourceGroupName && d.Path == "target.resourceGroupNames[0]");
    }

    // Specific to this test (kept here, not in TestSupport/ModelGenerators): resource group names over the characters the
    // name rule is about (letters of every script, look-alikes, separators).
    private static Gen<string> Name() =>
        from n in Gen.Choose(0, 95)
        from chars in Gen.ArrayOf(Gen.Elements("abcXYZ019_-.()é資Ωǅʰ٣ /\\%*?#\u00A0\u200B\u2010\uFF0E\u0300".ToCharArray()), n)
        select new string(chars);

    private static (string Template, string Parameters) Files()
    {
        var files = OnboardingTemplate.Write(TemplateSamples.Definition(eligible: false), OnboardingTarget.ForResourceGroup("rg1")).GetValueOrThrow();
        Assert.Contains("\"rg1\"", files.Parameters!, StringComparison.Ordinal);
        return (files.Template, files.Parameters!);
    }

    private static bool WriterAccepts(string name) =>
        !OnboardingTemplate.Write(TemplateSamples.Definition(eligible: false), OnboardingTarget.ForResourceGroup(name))
            .Diagnostics.Any(static d => d.Code == DiagnosticCodes.InvalidResourceGroupName);

    private static bool ReaderAccepts(string name)
    {
        var (template, parameters) = Files();
        var quoted = System.Text.Json.JsonSerializer.Serialize(name);
        // Refused either as MSC0007 or, for text JSON cannot carry (a lone surrogate), as malformed JSON.
        return !OnboardingTemplate.Read(template, parameters.Replace("\"rg1\"", quoted, StringComparison.Ordinal)).HasErrors;
    }
}
