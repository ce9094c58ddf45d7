namespace ManagedServices.Tests.Cli;

/// <summary>
/// A path no file can have (here with a NUL character) is invalid input (exit 1, <c>cannot read|write '…'</c>) for
/// every option that names a file to read or write, never an unhandled exception: every command resolves its paths
/// through one <see cref="ManagedServices.Cli.CliContext.Resolve"/>.
/// </summary>
public sealed class OutputPathCliTests : IDisposable
{
    private const string Impossible = "out\0put.json";

    private readonly CliFixture _f = new();

    public void Dispose() => _f.Dispose();

    public static TheoryData<string, string> Commands => new()
    {
        { "convert-template", "write" },
        { "convert-bicep", "write" },
        { "convert-rest", "write" },
        { "report", "write" },
        { "check", "read" },
        { "validate", "read" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void APathNoFileCanHave_IsInvalidInput(string command, string use)
    {
        var template = command is "report" or "check" ? _f.Template() : "";
        var source = new[] { "--template", template, "--parameters", Path.Combine(_f.Directory, "template.parameters.json"), "--subscription", CliFixture.Subscription };
        string[] args = command switch
        {
            "convert-template" => ["convert", _f.OfferPath, "--to", "template", "--output", Impossible],
            "convert-bicep" => ["convert", _f.OfferPath, "--to", "bicep", "--output", Impossible],
            "convert-rest" => ["convert", _f.OfferPath, "--to", "rest", "--output", Impossible],
            "report" => ["report", .. source, "--output", Impossible],
            "check" => ["check", .. source, "--requests", Impossible],
            _ => ["validate", Impossible],
        };

        var result = CliRunner.Run(args);

        Assert.True(result.ExitCode == 1, result.Error);
        Assert.StartsWith($"error: cannot {use} '{Impossible}': ", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }
}
