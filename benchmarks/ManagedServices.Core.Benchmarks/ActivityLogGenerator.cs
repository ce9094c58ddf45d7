using System.Diagnostics;
using System.Globalization;
using System.Text;
using ManagedServices.Analysis;

namespace ManagedServices.Benchmarks;

/// <summary>
/// Synthetic activity logs in the <c>az monitor activity-log list</c> shape (about 1 KB per event, as Azure prints them),
/// for the advisor's benchmark: <c>generate-activity &lt;file&gt; [events]</c> writes one (1,000,000 events ≈ 1 GB, outside
/// CI), <c>measure-activity &lt;file&gt;</c> streams it through <see cref="ActivityLog"/> and prints the peak working set.
/// </summary>
public static class ActivityLogGenerator
{
    public const string Subscription = "ed40e6c1-4292-4dd6-88f1-89e0da98d68b";
    public const string ManagingTenant = "8174a7b1-dbd4-4092-b82e-f8b1b6e91f40";

    /// <summary>The VM operations the synthetic operators perform (and one write the delegation denies).</summary>
    private static readonly string[] Operations =
    [
        "Microsoft.Compute/virtualMachines/start/action",
        "Microsoft.Compute/virtualMachines/restart/action",
        "Microsoft.Compute/virtualMachines/deallocate/action",
        "Microsoft.Compute/virtualMachines/powerOff/action",
        "Microsoft.Compute/virtualMachines/write",
        "Microsoft.Network/networkInterfaces/write",
    ];

    /// <summary>The callers: 50 users (object IDs derived from their number).</summary>
    public static string Caller(int i) => new Guid(i + 1, 0x4b2d, 0x4ab8, 0x8f, 0x6d, 0x5f, 0x0a, 0xb6, 0xe3, 0xaf, 0xa6).ToString();

    /// <summary>Writes <paramref name="events"/> events to <paramref name="path"/> (deterministic).</summary>
    public static void Write(string path, int events)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 20);
        writer.Write('[');
        var start = new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < events; i++)
        {
            var op = Operations[i % Operations.Length];
            var group = "rg-" + (i % 20).ToString(CultureInfo.InvariantCulture);
            var vm = "vm" + (i % 500).ToString(CultureInfo.InvariantCulture);
            var caller = Caller(i % 50);
            var status = i % 7 == 0 ? "Started" : i % 31 == 0 ? "Failed" : "Succeeded";
            var time = start.AddSeconds(i * 7L).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
            var id = $"/subscriptions/{Subscription}/resourceGroups/{group}/providers/Microsoft.Compute/virtualMachines/{vm}";
            writer.Write(i == 0 ? "\n" : ",\n");
            writer.Write($$"""
              {
                "authorization": { "action": "{{op}}", "role": null, "scope": "{{id}}" },
                "caller": "user{{i % 50}}@fabrikam-msp.example",
                "category": { "localizedValue": "Administrative", "value": "Administrative" },
                "claims": {
                  "aud": "https://management.core.windows.net/",
                  "http://schemas.microsoft.com/identity/claims/objectidentifier": "{{caller}}",
                  "http://schemas.microsoft.com/identity/claims/tenantid": "{{ManagingTenant}}"
                },
                "correlationId": "{{new Guid(i, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)}}",
                "eventDataId": "{{new Guid(i, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)}}",
                "eventName": { "localizedValue": "End request", "value": "EndRequest" },
                "eventTimestamp": "{{time}}",
                "id": "{{id}}/events/{{i}}/ticks/{{638000000000000000L + i}}",
                "level": "Informational",
                "operationName": { "localizedValue": "Operation", "value": "{{op}}" },
                "resourceGroupName": "{{group}}",
                "resourceId": "{{id}}",
                "status": { "localizedValue": "{{status}}", "value": "{{status}}" },
                "subStatus": { "localizedValue": "", "value": "" },
                "submissionTimestamp": "{{time}}",
                "subscriptionId": "{{Subscription}}",
                "tenantId": "d0aa2562-09cb-4f55-afc6-f5352607f8c8"
              }
            """);
        }

        writer.Write("\n]\n");
    }

    /// <summary>Streams a file through <see cref="ActivityLog"/> and prints events, records, elapsed time and the process's peak working set.</summary>
    public static void Measure(string path)
    {
        var stopwatch = Stopwatch.StartNew();
        var log = new ActivityLog();
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
        {
            log.Read(stream, path);
        }

        var summary = log.ToSummary();
        stopwatch.Stop();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{new FileInfo(path).Length / (1024.0 * 1024):F0} MiB, {summary.EventsRead} events, {summary.Records.Length} records, {summary.Diagnostics.Length} diagnostics, " +
            $"{stopwatch.Elapsed.TotalSeconds:F1} s, peak working set {process.PeakWorkingSet64 / (1024.0 * 1024):F0} MiB, GC heap {GC.GetTotalMemory(false) / (1024.0 * 1024):F0} MiB"));
    }
}
