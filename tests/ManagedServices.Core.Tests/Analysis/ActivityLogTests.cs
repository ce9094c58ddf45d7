using System.Text;
using ManagedServices.Analysis;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Analysis;

/// <summary>
/// The activity readers on fixtures written by hand from Azure's documented shapes (the Activity Log event schema as
/// <c>az monitor activity-log list</c> prints it; the <c>AzureActivity</c> table as the portal exports CSV and
/// <c>az monitor log-analytics query</c> prints JSON; the aggregated export of <c>advise --kql</c>), and on hostile input.
/// </summary>
public sealed class ActivityLogTests
{
    public const string Subscription = "5b3c1f7e-9a2d-4c6b-8e1f-0a9b8c7d6e5f";
    public const string ManagingTenant = "8174a7b1-dbd4-4092-b82e-f8b1b6e91f40";
    public const string CustomerTenant = "d0aa2562-09cb-4f55-afc6-f5352607f8c8";
    public const string Alice = "1b7e323c-4ae6-4615-a9cb-6d56469ba988";
    public const string Bob = "55a2e03f-57c2-4794-b550-a0237bbf87de";
    public static readonly string RgApp = $"/subscriptions/{Subscription}/resourceGroups/rg-app";

    public static string Fixture(string name) => Path.Combine(RepoPaths.Root, "tests", "ManagedServices.Core.Tests", "Analysis", "Fixtures", name);

    public static ActivitySummary Read(string fixture, ActivityLogOptions? options = null)
    {
        var log = new ActivityLog(options);
        using var stream = File.OpenRead(Fixture(fixture));
        log.Read(stream, fixture);
        return log.ToSummary();
    }

    private static ActivitySummary ReadText(string text, ActivityLogOptions? options = null, bool seekable = true)
    {
        var log = new ActivityLog(options);
        var bytes = Encoding.UTF8.GetBytes(text);
        using Stream stream = seekable ? new MemoryStream(bytes) : new NonSeekable(bytes);
        log.Read(stream, "hostile.txt");
        return log.ToSummary();
    }

    [Fact]
    public void Az_ActivityLogList_ReadsSucceededAndFailed_SkipsStartedAndAzureOwn()
    {
        var s = Read("az-activity-log.json");
        Assert.Empty(s.Diagnostics);
        Assert.Equal(7, s.EventsRead);
        Assert.Equal(2, s.EventsSkipped); // Started; Microsoft.Advisor without an object ID
        var alice = s.Records.Where(r => r.PrincipalId == PrincipalId.Parse(Alice)).ToList();
        Assert.Contains(alice, r => r.Operation == "Microsoft.Compute/virtualMachines/start/action" && r.Outcome == ActivityOutcome.Succeeded &&
            r.Scope == ResourceScope.Parse(RgApp) && r.CallerTenantId == TenantId.Parse(ManagingTenant) && r.Caller == "alice@fabrikam-msp.example" &&
            r.FirstSeen == DateTimeOffset.Parse("2026-11-02T08:15:30.1234567Z", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(alice, r => r.Operation == "Microsoft.Network/virtualNetworks/write" && r.Outcome == ActivityOutcome.Failed &&
            r.Scope == ResourceScope.Parse($"/subscriptions/{Subscription}/resourceGroups/rg-net"));
        Assert.Contains(s.Records, r => r.CallerTenantId == TenantId.Parse(CustomerTenant)); // kept here; the advisor leaves it out
        Assert.Equal(5, s.Records.Length);
    }

    [Theory]
    [InlineData("azure-activity.csv")]
    [InlineData("azure-activity.json")]
    public void AzureActivity_Export_UpperCaseOperations_ClaimsD_StatusValues(string fixture)
    {
        var s = Read(fixture);
        Assert.True(s.Diagnostics.IsEmpty, string.Join("\n", s.Diagnostics));
        Assert.Equal(6, s.EventsRead);
        Assert.Equal(1, s.EventsSkipped); // ActivityStatusValue Start
        var start = Assert.Single(s.Records, r => r.Operation.EndsWith("/start/action", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Microsoft.Compute/virtualMachines/start/action", start.Operation); // Azure's spelling, not OPERATIONNAMEVALUE's
        Assert.Equal(ResourceScope.Parse(RgApp), start.Scope);
        Assert.Equal(PrincipalId.Parse(Alice), start.PrincipalId);
        Assert.Equal(TenantId.Parse(ManagingTenant), start.CallerTenantId);
        var deallocate = Assert.Single(s.Records, r => r.Operation.EndsWith("deallocate/action", StringComparison.Ordinal));
        Assert.Equal(new DateTimeOffset(2026, 11, 4, 18, 30, 0, TimeSpan.Zero), deallocate.LastSeen);
        Assert.Single(s.Records, r => r.Outcome == ActivityOutcome.Failed);
    }

    [Theory]
    [InlineData("aggregated.csv")]
    [InlineData("aggregated.json")]
    public void Aggregated_Export_KeepsEventCountsAndFirstLastSeen(string fixture)
    {
        var s = Read(fixture);
        Assert.Empty(s.Diagnostics);
        Assert.Equal(412 + 388 + 17 + 2, s.EventsRead);
        var start = Assert.Single(s.Records, r => r.Operation == "Microsoft.Compute/virtualMachines/start/action");
        Assert.Equal(412, start.Events);
        Assert.Equal(new DateTimeOffset(2026, 8, 4, 7, 0, 0, TimeSpan.Zero), start.FirstSeen);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 8, 15, 30, TimeSpan.Zero), start.LastSeen);
        Assert.Equal(ResourceScope.Parse(RgApp), start.Scope);
    }

    [Fact]
    public void Records_AreAggregated_AcrossFilesAndShapes()
    {
        var log = new ActivityLog();
        foreach (var f in new[] { "az-activity-log.json", "azure-activity.csv", "aggregated.csv" })
        {
            using var stream = File.OpenRead(Fixture(f));
            log.Read(stream, f);
        }

        var start = Assert.Single(log.ToSummary().Records, r => r.Operation == "Microsoft.Compute/virtualMachines/start/action");
        Assert.Equal(1 + 1 + 412, start.Events);
    }

    [Fact]
    public void Since_And_Principal_Filter()
    {
        var since = Read("aggregated.csv", new ActivityLogOptions { Since = new DateTimeOffset(2026, 11, 4, 0, 0, 0, TimeSpan.Zero) });
        Assert.Equal(2, since.Records.Length); // deallocate (last 11-04) and the failed vnet write (11-05)
        var bob = Read("aggregated.csv", new ActivityLogOptions { PrincipalId = PrincipalId.Parse(Bob) });
        Assert.All(bob.Records, r => Assert.Equal(PrincipalId.Parse(Bob), r.PrincipalId));
        Assert.Single(bob.Records);
    }

    [Fact]
    public void MalformedRows_AreWarningsWithLine_AndSkipped()
    {
        var csv = "CallerObjectId,CallerTenantId,Operation,Scope,Status,Events,FirstSeen,LastSeen\n" +
            $"{Alice},{ManagingTenant},Microsoft.Compute/virtualMachines/start/action,{RgApp},Succeeded,3,2026-11-01T00:00:00Z,2026-11-02T00:00:00Z\n" +
            $"not-a-guid,{ManagingTenant},Microsoft.Compute/virtualMachines/start/action,{RgApp},Succeeded,3,,\n" +
            $"{Alice},{ManagingTenant},Microsoft.Compute/virtualMachines/start/action,/not/a/scope,Succeeded,3,,\n" +
            $"{Alice},{ManagingTenant},not an operation,{RgApp},Succeeded,3,,\n" +
            $"{Alice},{ManagingTenant},Microsoft.Compute/virtualMachines/start/action,{RgApp},Succeeded,-1,,\n" +
            $"{Alice},{ManagingTenant},Microsoft.Compute/virtualMachines/start/action,{RgApp},Succeeded,1,yesterday,\n" +
            $"{Alice},{ManagingTenant},Microsoft.Compute/virtualMachines/start/action,{RgApp},,1,,\n" +
            "\"unclosed,but,\"\"quoted\"\" fields\nspan lines\",x,y,z,w,1,,\n";
        var s = ReadText(csv);
        Assert.Equal(3, Assert.Single(s.Records).Events);
        var lines = s.Diagnostics.Where(static d => d.Code == DiagnosticCodes.ActivityRowMalformed).Select(static d => d.Line).ToList();
        Assert.Equal([3, 4, 5, 6, 7, 8, 9], lines);
        Assert.All(s.Diagnostics, d => Assert.Equal("hostile.txt", d.Path));
    }

    [Theory]
    [InlineData("[ {\"a\": 1}, ", 1)]
    [InlineData("[\n{\"authorization\": {\"action\": \"x\"}}\n,\n{ \"broken\": tru }\n]", 4)]
    [InlineData("[\n1,\n2\n}", 4)]
    [InlineData("{ \"tables\": [] }", 1)]
    [InlineData("", 1)]
    [InlineData("a,b,c\n1,2,3", 1)]
    [InlineData("Operation,Scope\n\"never closed\n", 2)]
    public void UnreadableFiles_AreErrorsWithLine(string text, int line)
    {
        foreach (var seekable in new[] { true, false })
        {
            var s = ReadText(text, seekable: seekable);
            var error = Assert.Single(s.Diagnostics, static d => d.Severity == DiagnosticSeverity.Error);
            Assert.Equal(DiagnosticCodes.ActivityFileUnreadable, error.Code);
            Assert.Equal(line, error.Line);
        }
    }

    [Fact]
    public void OversizedEvent_StopsTheFile_WithBoundedBuffer()
    {
        var big = "[{\"caller\": \"" + new string('x', 100_000) + "\"}]";
        var s = ReadText(big, new ActivityLogOptions { MaxEventBytes = 4096 });
        Assert.Equal(DiagnosticCodes.ActivityFileUnreadable, Assert.Single(s.Diagnostics).Code);
        Assert.Contains("larger than 4096 bytes", s.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TooManyRecords_IsAnError_AndStopsGrowing()
    {
        var rows = new StringBuilder("CallerObjectId,CallerTenantId,Operation,Scope,Status,Events\n");
        for (var i = 0; i < 50; i++)
        {
            rows.Append(CultureInvariant($"{Guid.NewGuid()},{ManagingTenant},Microsoft.Compute/virtualMachines/start/action,{RgApp},Succeeded,1\n"));
        }

        var s = ReadText(rows.ToString(), new ActivityLogOptions { MaxRecords = 10 });
        Assert.Equal(10, s.Records.Length);
        Assert.Equal(DiagnosticCodes.ActivityTooManyRecords, Assert.Single(s.Diagnostics).Code);
        Assert.Equal(40, s.EventsSkipped);
    }

    [Fact]
    public void ManyMalformedRows_KeepABoundedNumberOfDiagnostics()
    {
        var rows = new StringBuilder("Operation,Scope,Status\n");
        for (var i = 0; i < 500; i++)
        {
            rows.Append("bad op,/x,Succeeded\n");
        }

        var s = ReadText(rows.ToString(), new ActivityLogOptions { MaxDiagnostics = 20 });
        Assert.Equal(21, s.Diagnostics.Length);
        Assert.Contains("480 more malformed rows", s.Diagnostics[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonElements_SplitAcrossReads_AreReassembled()
    {
        // A stream that returns one byte per read: every element straddles buffer refills.
        var text = File.ReadAllText(Fixture("az-activity-log.json"));
        var log = new ActivityLog();
        log.Read(new OneByteStream(Encoding.UTF8.GetBytes(text)), "one-byte");
        Assert.Equal(Read("az-activity-log.json").Records.ToArray(), log.ToSummary().Records.ToArray());
    }

    [Fact]
    public void Memberships_ReadsMemberOf_AndReportsMalformedEntries()
    {
        var ok = MembershipsDocument.Read(File.ReadAllText(Fixture("memberships.json")));
        Assert.False(ok.HasErrors);
        Assert.Contains(PrincipalId.Parse("0637db30-4b2d-4ab8-8f6d-5f0ab6e3afa6"), ok.Value!.GetGroups(PrincipalId.Parse(Alice)));
        var bad = MembershipsDocument.Read($"{{\"{Alice}\": [\"x\"], \"nope\": []}}");
        Assert.Equal(["$['" + Alice + "'][0]", "$['nope']"], bad.Diagnostics.Select(static d => d.Path));
        Assert.All(bad.Diagnostics, d => Assert.Equal(DiagnosticCodes.MembershipsInvalid, d.Code));
        Assert.True(MembershipsDocument.Read("[1]").HasErrors);
        Assert.True(MembershipsDocument.Read("{").HasErrors);
    }

    [Fact]
    public void Kql_NamesTheColumnsTheReaderReads()
    {
        var kql = ActivityQueries.AggregateKql();
        foreach (var column in new[] { "CallerObjectId", "CallerTenantId", "Operation", "Scope", "Status", "Events", "FirstSeen", "LastSeen", "AzureActivity", "Claims_d", "ago(90d)" })
        {
            Assert.Contains(column, kql, StringComparison.Ordinal);
        }

        Assert.Contains("datetime(2026-09-01T00:00:00Z)", ActivityQueries.AggregateKql(new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero)), StringComparison.Ordinal);
    }

    private static string CultureInvariant(FormattableString s) => FormattableString.Invariant(s);

    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    private sealed class OneByteStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));
    }
}
