using System.Text.RegularExpressions;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Architecture;

/// <summary>
/// The command line only reads options and formats results (docs/architecture.md, "The command line"): no file in
/// <c>src/ManagedServices.Cli</c> parses JSON documents, derives ARM names (<c>guid()</c>) or builds delegations, and
/// every command is a definition (options, arguments, validators) with a handler, not an action lambda.
/// </summary>
public sealed partial class CliIsThinTests
{
    /// <summary>What the CLI must not use, with the reason printed when it does.</summary>
    private static readonly (Regex Pattern, string Why)[] Forbidden =
    [
        (JsonReading(), "reads JSON itself (the library's readers do: DocumentFile, AccessRequestLines, OfferDocument, RegistrationResources, ...)"),
        (NameDerivation(), "derives ARM names itself (the library's ArmGuid and guid() do)"),
        (NewDelegation(), "builds delegations itself (OnboardingTemplate.Delegations and RegistrationResources.ReadDelegations do)"),
    ];

    [Fact]
    public void CliSources_ParseNoJson_DeriveNoNames_BuildNoDelegations()
    {
        var offenders = CliSources()
            .SelectMany(static f => Offences(File.ReadAllText(f)).Select(o => $"{Path.GetFileName(f)}: {o}"))
            .ToList();

        Assert.True(offenders.Count == 0, "The CLI does library work:" + Environment.NewLine + string.Join(Environment.NewLine, offenders));
    }

    [Fact]
    public void EveryCommand_IsADefinitionWithAHandler_NotAnActionLambda()
    {
        var offenders = new List<string>();
        foreach (var file in CliSources().Where(static f => Path.GetFileName(f).EndsWith("Command.cs", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            if (text.Contains("SetAction(", StringComparison.Ordinal))
            {
                offenders.Add($"{Path.GetFileName(file)}: sets an action lambda (give the command a handler class)");
            }

            if (!Regex.IsMatch(text, @"class \w+Command\s*:\s*Command\b"))
            {
                offenders.Add($"{Path.GetFileName(file)}: no command definition (class ...Command : Command)");
            }

            if (!Regex.IsMatch(text, @"class \w+Handler\(.*\)\s*:\s*SynchronousCommandLineAction"))
            {
                offenders.Add($"{Path.GetFileName(file)}: no handler (class ...Handler : SynchronousCommandLineAction)");
            }
        }

        Assert.True(offenders.Count == 0, string.Join(Environment.NewLine, offenders));
    }

    [Theory]
    [InlineData("using var doc = JsonDocument.Parse(text);")]
    [InlineData("var node = JsonNode.Parse(text);")]
    [InlineData("var reader = new Utf8JsonReader(bytes);")]
    [InlineData("var x = JsonSerializer.Deserialize<Foo>(text);")]
    [InlineData("var root = doc.RootElement; JsonElement e = root;")]
    [InlineData("var name = ArmGuid.Of(a, b);")]
    [InlineData("var id = DeterministicGuid.Create(x);")]
    [InlineData("var d = new Delegation { Scope = s };")]
    [InlineData("var d = new Delegation(scope, definition);")]
    public void TheScan_FindsEachForbiddenUse(string code) => Assert.NotEmpty(Offences(code));

    [Theory]
    [InlineData("// JsonDocument is not used here")]
    [InlineData("/// <summary>The library's ArmGuid derives names.</summary>")]
    [InlineData("var s = new DelegationSource();")]
    [InlineData("w.WriteStartObject(); using var writer = new Utf8JsonWriter(buffer);")]
    public void TheScan_IgnoresCommentsAndLookAlikes(string code) => Assert.Empty(Offences(code));

    private static IEnumerable<string> CliSources() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src", "ManagedServices.Cli"), "*.cs", SearchOption.AllDirectories)
            .Where(static f => !f.Replace('\\', '/').Contains("/obj/", StringComparison.Ordinal) && !f.Replace('\\', '/').Contains("/bin/", StringComparison.Ordinal));

    private static IEnumerable<string> Offences(string source)
    {
        var code = LineComment().Replace(source, "");
        foreach (var (pattern, why) in Forbidden)
        {
            if (pattern.Match(code) is { Success: true } match)
            {
                yield return $"'{match.Value}' {why}";
            }
        }
    }

    [GeneratedRegex(@"//.*$", RegexOptions.Multiline)]
    private static partial Regex LineComment();

    [GeneratedRegex(@"\b(JsonDocument|JsonNode|JsonElement|Utf8JsonReader)\b|\bJsonSerializer\s*\.\s*Deserialize")]
    private static partial Regex JsonReading();

    [GeneratedRegex(@"\b(ArmGuid|DeterministicGuid)\b")]
    private static partial Regex NameDerivation();

    [GeneratedRegex(@"\bnew\s+Delegation\s*[({]")]
    private static partial Regex NewDelegation();
}
