namespace ManagedServices.Tests.Cli;

/// <summary>Bad resource group names reach the CLI as option values and inside templates: usage or input errors, never a crash.</summary>
public sealed class ResourceGroupCliTests : IDisposable
{
    private readonly CliFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Theory]
    [InlineData("rg/../other")]
    [InlineData("rg.")]
    [InlineData("rg 1")]
    [InlineData("rg1/")]
    public void Check_TemplateWithBadNestedResourceGroup_IsAnInputErrorWithTheDiagnostic(string name)
    {
        var template = _f.Template("rg.json", "--resource-group", "rg-app");
        var parameters = Path.Combine(_f.Directory, "rg.parameters.json");
        var text = File.ReadAllText(parameters);
        Assert.Contains("\"rg-app\"", text, StringComparison.Ordinal);
        File.WriteAllText(parameters, text.Replace("\"rg-app\"", System.Text.Json.JsonSerializer.Serialize(name), StringComparison.Ordinal));

        var result = CliRunner.Run("check", "--template", template, "--parameters", parameters, "--subscription", CliFixture.Subscription,
            "--principal", CliFixture.Support.Id.ToString(), "--action", "Microsoft.Compute/virtualMachines/read", "--resource", CliFixture.Vm);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(DiagnosticCodes.InvalidResourceGroupName, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rg1/")] // a trailing '/' is accepted on scopes, never on names
    [InlineData("rg.")]
    [InlineData("(x)\u200B")]
    public void Convert_BadResourceGroupOption_IsAUsageError(string name)
    {
        var result = CliRunner.Run("convert", _f.OfferPath, "--to", "rest", "--resource-group", name);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not a resource group name", result.Error, StringComparison.Ordinal);
    }
}
