using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Operations;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Operations;

/// <summary>
/// The embedded operation list: its facts against the published file (../shared/data/azure-operations.txt, read here
/// line by line without the library), lookups, "did you mean" and the reader of the embedded form.
/// </summary>
public class OperationCatalogTests
{
    private static readonly string PublishedPath = Path.Combine(RepoPaths.Shared, "data", "azure-operations.txt");

    [Fact]
    public void Azure_HasTheListsDateAndSize()
    {
        var catalog = OperationCatalog.Azure;
        Assert.Equal(new DateOnly(2026, 8, 22), catalog.Date);
        // SOURCE.md: 22,514 distinct names, 17 of them in two casings.
        Assert.Equal(22_514 - 17, catalog.Count);
        Assert.Same(catalog, OperationCatalog.Azure);
    }

    [Theory]
    [InlineData("Microsoft.KeyVault/vaults/secrets/getSecret/action", OperationPlane.Data)]
    [InlineData("MICROSOFT.KEYVAULT/VAULTS/SECRETS/GETSECRET/ACTION", OperationPlane.Data)]
    [InlineData("Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read", OperationPlane.Data)]
    [InlineData("Microsoft.KeyVault/vaults/keys/read", OperationPlane.Both)]
    [InlineData("microsoft.appconfiguration/configurationstores/keyvalues/write", OperationPlane.Both)]
    [InlineData("Microsoft.Compute/virtualMachines/read", OperationPlane.Management)]
    [InlineData("Microsoft.Storage/storageAccounts/listKeys/action", OperationPlane.Management)]
    [InlineData("Microsoft.Devices/iotHubs/routing/$testall/Action", OperationPlane.Management)]
    [InlineData("Anyscale.Platform/admin/action", OperationPlane.Data)]
    [InlineData("Microsoft.Compute/virtualMachine/read", OperationPlane.Unknown)]
    [InlineData("Microsoft.Compute/virtualMachines/read ", OperationPlane.Unknown)]
    [InlineData("Microsoft.Compute/*", OperationPlane.Unknown)]
    [InlineData("", OperationPlane.Unknown)]
    public void GetPlane_Examples(string operation, OperationPlane expected) =>
        Assert.Equal(expected, OperationCatalog.Azure.GetPlane(operation));

    [Fact]
    public void GetPlane_Null_Throws() =>
        Assert.Throws<ArgumentNullException>(() => OperationCatalog.Azure.GetPlane(null!));

    /// <summary>Every line of the published file, read independently: same name set and plane, ignoring case.</summary>
    [TemplatesSharedFact]
    public void Azure_AgreesWithThePublishedFile()
    {
        var expected = new Dictionary<string, OperationPlane>(StringComparer.OrdinalIgnoreCase);
        var lines = 0;
        foreach (var line in File.ReadLines(PublishedPath).Where(static l => l.Length > 0))
        {
            lines++;
            var parts = line.Split('\t');
            var plane = parts.Length == 2 && parts[1] == "data" ? OperationPlane.Data : OperationPlane.Management;
            expected[parts[0]] = expected.TryGetValue(parts[0], out var seen) && seen != plane ? OperationPlane.Both : plane;
        }

        Assert.Equal(22_535, lines);
        var catalog = OperationCatalog.Azure;
        Assert.Equal(expected.Count, catalog.Count);
        var wrong = expected.Where(kv => catalog.GetPlane(kv.Key) != kv.Value).Select(kv => $"{kv.Key}: {catalog.GetPlane(kv.Key)}, published {kv.Value}").Take(10).ToList();
        Assert.Empty(wrong);
        Assert.Equal(4_234, expected.Values.Count(static p => p == OperationPlane.Data));
        Assert.Equal(23, expected.Values.Count(static p => p == OperationPlane.Both)); // 21 in one spelling, 2 across two spellings
    }

    [Theory]
    [InlineData("Microsoft.Compute/virtualMachine/read", "Microsoft.Compute/virtualMachines/read")]
    [InlineData("Microsoft.Compute/virtualmachines/raed", "Microsoft.Compute/virtualMachines/read")]
    [InlineData("Microsoft.KeyVault/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/getSecret/action")]
    [InlineData("microsoft.keyvault/vaults/secret/getsecret/action", "Microsoft.KeyVault/vaults/secrets/getSecret/action")]
    public void GetClosest_SuggestsTheIntendedName_First(string typo, string intended) =>
        Assert.Equal(intended, OperationCatalog.Azure.GetClosest(typo)[0]);

    [Theory]
    [InlineData("nothing-like-an-operation")]
    [InlineData("x")]
    [InlineData("")]
    public void GetClosest_NothingClose_IsEmpty(string operation) =>
        Assert.Empty(OperationCatalog.Azure.GetClosest(operation));

    [Fact]
    public void GetClosest_HonoursCount_AndRejectsBadCounts()
    {
        var five = OperationCatalog.Azure.GetClosest("Microsoft.Compute/virtualMachines/reed", 5);
        Assert.Equal(5, five.Length);
        Assert.Equal("Microsoft.Compute/virtualMachines/read", five[0]);
        Assert.Equal(five.Length, five.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => OperationCatalog.Azure.GetClosest("a", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => OperationCatalog.Azure.GetClosest("a", 21));
    }

    [Fact]
    public void Diagnose_UnknownOperation_WarnsWithSuggestions_KnownIsNull()
    {
        var warning = OperationCatalog.Azure.Diagnose("Microsoft.Compute/virtualMachine/read");
        Assert.NotNull(warning);
        Assert.Equal(DiagnosticCodes.UnknownOperation, warning.Code);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("2026-08-22", warning.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean Microsoft.Compute/virtualMachines/read", warning.Message, StringComparison.Ordinal);
        Assert.Null(OperationCatalog.Azure.Diagnose("microsoft.compute/VIRTUALMACHINES/read"));
        Assert.DoesNotContain("did you mean", OperationCatalog.Azure.Diagnose("zzz")!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_JoinsPlanesOfOneNameInAnyCasing()
    {
        var catalog = OperationCatalog.Create(
            [("A.B/c/read", OperationPlane.Management), ("a.b/C/READ", OperationPlane.Data), ("A.B/d/read", OperationPlane.Data), ("A.B/d/read", OperationPlane.Data)],
            new DateOnly(2026, 1, 1));
        Assert.Equal(2, catalog.Count);
        Assert.Equal(OperationPlane.Both, catalog.GetPlane("a.b/c/read"));
        Assert.Equal(OperationPlane.Data, catalog.GetPlane("A.B/D/READ"));
    }

    [Fact]
    public void Parse_ReadsTheFrontCodedForm()
    {
        var catalog = OperationCatalog.Parse(new StringReader("#azure-operations 2025-02-03 test\n0mA.B/c/read\n4dd/read\n4bX/y\n"));
        Assert.Equal(new DateOnly(2025, 2, 3), catalog.Date);
        Assert.Equal(OperationPlane.Management, catalog.GetPlane("A.B/c/read"));
        Assert.Equal(OperationPlane.Data, catalog.GetPlane("A.B/d/read"));
        Assert.Equal(OperationPlane.Both, catalog.GetPlane("A.B/X/y"));
        Assert.Equal(3, catalog.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0mA.B/c/read\n")]
    [InlineData("#azure-operations 2025-13-03 x\n")]
    [InlineData("#azure-operations 2025-02-03 x\nmA.B/c/read\n")]
    [InlineData("#azure-operations 2025-02-03 x\n0xA.B/c/read\n")]
    [InlineData("#azure-operations 2025-02-03 x\n5mA.B/c/read\n")]
    [InlineData("#azure-operations 2025-02-03 x\n0m\n3\n")]
    public void Parse_Malformed_Throws(string text) =>
        Assert.Throws<InvalidDataException>(() => OperationCatalog.Parse(new StringReader(text)));

    /// <summary>
    /// The bounded distance agrees with the optimal string alignment distance (Levenshtein plus swaps of two
    /// neighbouring characters, written here from its definition) up to the bound.
    /// </summary>
    [Property(MaxTest = 500)]
    public bool EditDistance_Bounded_AgreesWithOptimalStringAlignment(NonNull<string> first, NonNull<string> second, PositiveInt bound)
    {
        var a = first.Get.Length > 40 ? first.Get[..40] : first.Get;
        var b = second.Get.Length > 40 ? second.Get[..40] : second.Get;
        var limit = bound.Get % 12;
        var expected = Math.Min(OptimalStringAlignment(Lower(a), Lower(b)), limit + 1);
        return EditDistance.Bounded(a, b, limit, new int[EditDistance.ScratchLength(a.Length)]) == expected;
    }

    [Property(MaxTest = 25)]
    public Property GetClosest_AnyKnownName_IsItsOwnClosest() =>
        Prop.ForAll(
            Gen.Elements(OperationCatalog.Azure.Entries.Select(static e => e.Name).ToArray()).ToArbitrary(),
            name => string.Equals(OperationCatalog.Azure.GetClosest(name.ToUpperInvariant())[0], name, StringComparison.OrdinalIgnoreCase));

    private static string Lower(string s) => new([.. s.Select(char.ToLowerInvariant)]);

    internal static int OptimalStringAlignment(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
