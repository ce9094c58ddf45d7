using System.Text.Json;

namespace ManagedServices.Tests.Cli;

/// <summary>
/// <c>prove</c> and <c>roles --can</c> (issue 16): exit codes 0/1/2, the JSON shape, text and markdown. The fixture's Ops
/// group holds Contributor and the Registration Assignment Delete Role, Support holds Reader, On-call is eligible for
/// Contributor.
/// </summary>
public sealed class ProveCliTests : IDisposable
{
    private readonly CliFixture _f = new();
    private readonly string _template;
    private readonly string _parameters;

    public ProveCliTests()
    {
        _template = _f.Template();
        _parameters = Path.Combine(_f.Directory, "template.parameters.json");
    }

    public void Dispose() => _f.Dispose();

    private string[] Prove(params string[] more) =>
        ["prove", "--template", _template, "--parameters", _parameters, "--subscription", CliFixture.Subscription, .. more];

    [Fact]
    public void Prove_Holds_ExitsZero()
    {
        var result = CliRunner.Run(Prove("--never", "Microsoft.Authorization/roleAssignments/write", "--never", "Microsoft.ManagedServices/registrationDefinitions/write", "--include-eligible"));
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.StartsWith("holds: no authorization (permanent, or eligible after any activation)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Prove_DoesNotHold_ExitsOne_WithTheJsonShape()
    {
        var result = CliRunner.Run(Prove("--never", "*/write", "--group", CliFixture.Support.Id.ToString(), "--format", "json"));
        Assert.True(result.ExitCode == 0, result.Out + result.Error); // Support is a Reader

        result = CliRunner.Run(Prove("--never", "*/write", "--include-eligible", "--format", "json"));
        Assert.Equal(1, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.False(doc.RootElement.GetProperty("holds").GetBoolean());
        var items = doc.RootElement.GetProperty("counterexamples").EnumerateArray().ToList();
        Assert.Contains(items, c => c.GetProperty("principalId").GetString() == CliFixture.OnCall.Id.ToString() && c.GetProperty("requires").GetString() == "activation");
        Assert.Contains(items, c => c.GetProperty("principalId").GetString() == CliFixture.Ops.Id.ToString() && c.GetProperty("requires").GetString() == "none");
        foreach (var c in items)
        {
            Assert.True(c.GetProperty("known").GetBoolean());
            Assert.EndsWith("/write", c.GetProperty("operation").GetString(), StringComparison.OrdinalIgnoreCase);
            Assert.Equal("/subscriptions/" + CliFixture.Subscription, c.GetProperty("scope").GetString(), ignoreCase: true);
            Assert.Equal(36, c.GetProperty("roleDefinitionId").GetString()!.Length);
        }
    }

    [Fact]
    public void Prove_TextAndMarkdown()
    {
        var text = CliRunner.Run(Prove("--never", "Microsoft.ManagedServices/registrationAssignments/delete", "--principal", CliFixture.Ops.Id.ToString()));
        Assert.Equal(1, text.ExitCode);
        Assert.StartsWith("does not hold: 1 counterexample(s)", text.Out, StringComparison.Ordinal);
        Assert.Contains("Managed Services Registration assignment Delete Role", text.Out, StringComparison.OrdinalIgnoreCase);

        var markdown = CliRunner.Run(Prove("--never", "Microsoft.Authorization/x/write/y", "--format", "markdown", "--scope", CliFixture.Vm));
        Assert.Equal(1, markdown.ExitCode);
        Assert.Contains("| Pattern | Principal | Role | Scope | Operation | Known | Requires |", markdown.Out, StringComparison.Ordinal);
        Assert.Contains("`microsoft.authorization/x/write/y` | no | none |", markdown.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--never", "Microsoft.Compute/?/read")]
    [InlineData("--never", "*", "--principal", "not-a-guid")]
    [InlineData("--never", "*", "--scope", "/subscriptions/nope")]
    [InlineData("--never", "*", "--principal", "0637db30-4b2d-4ab8-8f6d-5f0ab6e3afa6", "--group", "0637db30-4b2d-4ab8-8f6d-5f0ab6e3afa6")]
    [InlineData("--format", "text")]
    public void Prove_UsageErrors_ExitTwo(params string[] more) => Assert.Equal(2, CliRunner.Run(Prove(more)).ExitCode);

    [Fact]
    public void RolesCan_ListsOnlyRolesThatCouldReachThePattern()
    {
        var result = CliRunner.Run("roles", "--can", "Microsoft.Authorization/roleAssignments/write", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        var role = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal("User Access Administrator", role.GetProperty("name").GetString());
        Assert.Equal("managedIdentityTarget", role.GetProperty("can").GetProperty("requires").GetString());

        var text = CliRunner.Run("roles", "--can", "*/read", "--search", "Reader");
        Assert.Contains(text.OutLines, l => l.Contains("  Reader  (delegable)  can: ", StringComparison.Ordinal));
        Assert.Equal(2, CliRunner.Run("roles", "--can", "bad pattern").ExitCode);
    }
}
