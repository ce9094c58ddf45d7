using BenchmarkDotNet.Attributes;
using ManagedServices.Analysis;
using ManagedServices.Offers;

namespace ManagedServices.Benchmarks;

/// <summary>
/// The least-privilege advisor (issue 15): streaming an activity log in the <c>az monitor activity-log list</c> shape
/// through <see cref="ActivityLog"/>, and <see cref="LeastPrivilegeAdvisor.Advise"/> on the result (50 users of one
/// Contributor group, VM operations in 20 resource groups). The file is generated in the temporary folder: 2,000 events
/// in the CI smoke run; otherwise 100,000, or the file named by <c>MANAGED_SERVICES_ADVISE_EVENTS</c> (for example the
/// 1,000,000-event file of <c>generate-activity</c>, about 1 GB, made outside CI). Allocation per event is what
/// <c>[MemoryDiagnoser]</c> shows; the peak working set of a whole file is what <c>measure-activity</c> prints.
/// </summary>
[MemoryDiagnoser]
public class AdviseBenchmarks
{
    private string _path = "";
    private bool _generated;
    private ActivitySummary _summary = null!;
    private Delegation _today = null!;
    private AdviceOptions _options = null!;

    /// <summary>Generates (or finds) the activity log and reads it once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var named = Environment.GetEnvironmentVariable("MANAGED_SERVICES_ADVISE_EVENTS");
        if (!BenchmarkSettings.Smoke && named is { Length: > 0 } && File.Exists(named))
        {
            _path = named;
        }
        else
        {
            _path = Path.Combine(Path.GetTempPath(), $"advise-bench-{Environment.ProcessId}.json");
            ActivityLogGenerator.Write(_path, BenchmarkSettings.Smoke ? 2_000 : 100_000);
            _generated = true;
        }

        _summary = ReadLog();
        var ops = Principal.Group(PrincipalId.Parse("0637db30-4b2d-4ab8-8f6d-5f0ab6e3afa6"), "MSP-L2-Ops");
        _today = new Delegation
        {
            CustomerTenantId = TenantId.Parse("d0aa2562-09cb-4f55-afc6-f5352607f8c8"),
            AssignmentId = Guid.Parse("af8a44d1-0b3c-40b0-af3d-662477a95e39"),
            Scope = ResourceScope.Parse($"/subscriptions/{ActivityLogGenerator.Subscription}"),
            Definition = new RegistrationDefinition
            {
                Id = Guid.Parse("52cd7214-5d46-447f-bec6-e29ee28cad85"),
                Name = "Benchmark",
                Manifest = new DelegationManifest
                {
                    ManagingTenantId = TenantId.Parse(ActivityLogGenerator.ManagingTenant),
                    Authorizations = [new Authorization { Principal = ops, RoleDefinitionId = BuiltInRoleIds.Contributor }],
                },
            },
        };
        _options = new AdviceOptions
        {
            Groups = Access.InMemoryGroupMembership.Create(Enumerable.Range(0, 50)
                .Select(i => new KeyValuePair<PrincipalId, IEnumerable<PrincipalId>>(PrincipalId.Parse(ActivityLogGenerator.Caller(i)), [ops.Id]))),
        };
        if (Advise().ProposedTemplate is null)
        {
            throw new InvalidOperationException("the benchmark must propose a template");
        }
    }

    /// <summary>Removes a generated file.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (_generated)
        {
            File.Delete(_path);
        }
    }

    /// <summary>Streams the whole file into a summary.</summary>
    /// <returns>The summary.</returns>
    [Benchmark]
    public ActivitySummary ReadLog()
    {
        var log = new ActivityLog();
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        log.Read(stream, _path);
        return log.ToSummary();
    }

    /// <summary>The advice on the summary (attribution, exact cover, template and diff).</summary>
    /// <returns>The advice.</returns>
    [Benchmark]
    public Advice Advise() => LeastPrivilegeAdvisor.Advise(_summary, [_today], _options);
}
