using System.Text.Json;
using ManagedServices.Access;
using ManagedServices.Operations;

namespace ManagedServices.Analysis;

/// <summary>
/// Reads Azure activity logs into an <see cref="ActivitySummary"/>, streaming: files of any size are read one event at
/// a time, and memory grows only with the number of distinct (caller, tenant, operation, scope, outcome) records, never
/// with the number of events. Three shapes, told apart per event:
/// <list type="bullet">
/// <item><c>az monitor activity-log list</c>: a JSON array of events (<c>authorization.action</c>,
/// <c>authorization.scope</c>, <c>claims</c>, <c>caller</c>, <c>status.value</c>, <c>eventTimestamp</c>);</item>
/// <item>a Log Analytics <c>AzureActivity</c> export (CSV as the portal exports it, or the JSON array
/// <c>az monitor log-analytics query</c> prints): <c>OperationNameValue</c>, <c>Caller</c>, <c>Claims_d</c>,
/// <c>_ResourceId</c> or <c>ResourceId</c>, <c>ActivityStatusValue</c>, <c>TimeGenerated</c>;</item>
/// <item>the aggregated export of <see cref="ActivityQueries.AggregateKql(DateTimeOffset?)"/> (CSV or JSON): <c>CallerObjectId</c>,
/// <c>CallerTenantId</c>, <c>Operation</c>, <c>Scope</c>, <c>Status</c>, <c>Events</c>, <c>FirstSeen</c>,
/// <c>LastSeen</c>.</item>
/// </list>
/// </summary>
/// <remarks>
/// Hostile input fails closed: a malformed row is skipped with a warning (<c>MSC4003</c>, file and line), an unreadable
/// file stops with an error (<c>MSC4004</c>), and more distinct records than <see cref="ActivityLogOptions.MaxRecords"/>
/// stop counting new ones with an error (<c>MSC4005</c>). A record dropped can only make a proposal narrower, never
/// wider. Not thread-safe: one instance reads one log after the other.
/// </remarks>
public sealed class ActivityLog
{
    private const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    private const string TenantIdClaim = "http://schemas.microsoft.com/identity/claims/tenantid";

    private static readonly Lazy<FrozenDictionary<string, string>> Spellings = new(
        static () => OperationCatalog.Azure.Entries
            .GroupBy(static e => e.Name, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(static g => g.Key, static g => g.First().Name, StringComparer.OrdinalIgnoreCase),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly string[] PortalFormats = ["M/d/yyyy, h:mm:ss.fff tt", "M/d/yyyy, h:mm:ss tt", "M/d/yyyy, h:mm tt"];

    private readonly ActivityLogOptions _options;
    private readonly Dictionary<Key, Aggregate> _records = [];
    private readonly List<Diagnostic> _diagnostics = [];
    private int _dropped;
    private bool _full;
    private long _read;
    private long _skipped;

    /// <summary>Creates an empty log.</summary>
    /// <param name="options">What to read; null for the defaults.</param>
    public ActivityLog(ActivityLogOptions? options = null) => _options = options ?? new ActivityLogOptions();

    /// <summary>
    /// Reads one file: a JSON array (first non-space character <c>[</c>) or CSV with a header row. Never throws on bad
    /// content; problems are diagnostics with <paramref name="source"/> as path and the line.
    /// </summary>
    /// <param name="stream">The content (read to its end, not disposed).</param>
    /// <param name="source">The file name, for diagnostics.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public void Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        var (content, first) = PrefixedStream.Peek(stream);
        if (first == '[')
        {
            ReadJson(content, source);
        }
        else
        {
            ReadCsv(content, source);
        }
    }

    /// <summary>Adds one record (for example built by hand or from another source), applying the options' filters.</summary>
    /// <param name="record">The record.</param>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    public void Add(ActivityRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _read += Math.Max(1, record.Events);
        Count(record, Math.Max(1, record.Events));
    }

    /// <summary>The records read so far, with the diagnostics.</summary>
    /// <returns>The summary.</returns>
    public ActivitySummary ToSummary()
    {
        var diagnostics = _diagnostics.ToList();
        if (_dropped > 0)
        {
            diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.ActivityRowMalformed, $"{_dropped.ToString(CultureInfo.InvariantCulture)} more malformed rows were skipped (not listed)"));
        }

        return new ActivitySummary
        {
            Records = [.. _records.Values
                .Select(static a => a.ToRecord())
                .OrderBy(static r => r.PrincipalId)
                .ThenBy(static r => r.Operation, StringComparer.OrdinalIgnoreCase)
                .ThenBy(static r => r.Scope.ToString(), StringComparer.OrdinalIgnoreCase)
                .ThenBy(static r => r.Outcome)
                .ThenBy(static r => r.CallerTenantId?.Value ?? Guid.Empty)],
            EventsRead = _read,
            EventsSkipped = _skipped,
            Diagnostics = [.. diagnostics],
        };
    }

    private void ReadJson(Stream stream, string source)
    {
        var elements = new JsonArrayElements(stream, _options.MaxEventBytes);
        while (true)
        {
            if (!elements.TryNext(out var element, out var line, out var error))
            {
                if (error is not null)
                {
                    _diagnostics.Add(Unreadable(source, elements.Line, error));
                }

                return;
            }

            _read++;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(element);
            }
            catch (JsonException e)
            {
                Malformed(source, line, "malformed JSON: " + e.Message);
                continue;
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    Malformed(source, line, "an event is not a JSON object");
                    continue;
                }

                Accept(FromJson(document.RootElement), source, line);
            }
        }
    }

    private void ReadCsv(Stream stream, string source)
    {
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var records = new CsvRecords(text, _options.MaxEventBytes);
        var fields = new List<string>();
        if (!records.TryNext(fields, out var headerLine, out var error))
        {
            _diagnostics.Add(Unreadable(source, headerLine, error ?? "the file is empty: expected a JSON array or CSV with a header row"));
            return;
        }

        var width = fields.Count;
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < fields.Count; i++)
        {
            // The portal names time columns "TimeGenerated [UTC]".
            var name = fields[i].Trim();
            var bracket = name.IndexOf(" [", StringComparison.Ordinal);
            columns.TryAdd(bracket > 0 ? name[..bracket] : name, i);
        }

        if (!columns.ContainsKey("OperationNameValue") && !columns.ContainsKey("Operation"))
        {
            _diagnostics.Add(Unreadable(source, headerLine, "the CSV header has neither OperationNameValue (an AzureActivity export) nor Operation (the aggregated export)"));
            return;
        }

        while (records.TryNext(fields, out var line, out error))
        {
            _read++;
            if (fields.Count != width)
            {
                Malformed(source, line, $"the row has {fields.Count.ToString(CultureInfo.InvariantCulture)} fields, the header {width.ToString(CultureInfo.InvariantCulture)}");
                continue;
            }

            Accept(FromColumns(name => columns.TryGetValue(name, out var i) && i < fields.Count ? fields[i] : null), source, line);
        }

        if (error is not null)
        {
            _diagnostics.Add(Unreadable(source, records.Line, error));
        }
    }

    private static RawEvent FromJson(JsonElement e)
    {
        if (Get(e, "OperationNameValue") is not null || Get(e, "Events") is not null)
        {
            return FromColumns(name => Get(e, name) is { } v ? Text(v) : null);
        }

        var authorization = Get(e, "authorization");
        var claims = Get(e, "claims");
        return new RawEvent
        {
            Operation = Text(Get(authorization, "action")) ?? Text(Get(Get(e, "operationName"), "value")),
            Scope = Text(Get(authorization, "scope")) ?? Text(Get(e, "resourceId")),
            Status = Text(Get(Get(e, "status"), "value")),
            ObjectId = Text(Get(claims, ObjectIdClaim)),
            TenantId = Text(Get(claims, TenantIdClaim)),
            HasClaims = claims is not null,
            Caller = Text(Get(e, "caller")),
            Time = Text(Get(e, "eventTimestamp")),
        };
    }

    /// <summary>An AzureActivity row or an aggregated row, by column name.</summary>
    private static RawEvent FromColumns(Func<string, string?> column)
    {
        if (column("Operation") is { } operation && column("OperationNameValue") is null)
        {
            return new RawEvent
            {
                Operation = operation,
                Scope = column("Scope"),
                Status = column("Status"),
                ObjectId = column("CallerObjectId"),
                TenantId = column("CallerTenantId"),
                HasClaims = true,
                Caller = column("Caller"),
                Events = column("Events"),
                Time = column("FirstSeen"),
                LastTime = column("LastSeen"),
            };
        }

        string? objectId = null;
        string? tenantId = null;
        var claimsText = column("Claims_d") ?? column("Claims");
        if (!string.IsNullOrWhiteSpace(claimsText))
        {
            try
            {
                using var claims = JsonDocument.Parse(claimsText);
                objectId = Text(Get(claims.RootElement, ObjectIdClaim));
                tenantId = Text(Get(claims.RootElement, TenantIdClaim));
            }
            catch (JsonException)
            {
                return new RawEvent { Operation = column("OperationNameValue"), Invalid = "Claims_d is not a JSON object" };
            }
        }

        var scope = column("_ResourceId") ?? column("ResourceId");
        if (string.IsNullOrEmpty(scope) && column("Authorization_d") is { Length: > 0 } authorization)
        {
            try
            {
                using var a = JsonDocument.Parse(authorization);
                scope = Text(Get(a.RootElement, "scope"));
            }
            catch (JsonException)
            {
                // the scope stays unknown: reported below
            }
        }

        return new RawEvent
        {
            Operation = column("OperationNameValue"),
            Scope = scope,
            Status = column("ActivityStatusValue") ?? column("ActivityStatus"),
            ObjectId = objectId,
            TenantId = tenantId,
            HasClaims = !string.IsNullOrWhiteSpace(claimsText),
            Caller = column("Caller"),
            Time = column("TimeGenerated"),
        };
    }

    private static JsonElement? Get(JsonElement? element, string name)
    {
        if (element is not { ValueKind: JsonValueKind.Object } e)
        {
            return null;
        }

        if (e.TryGetProperty(name, out var exact))
        {
            return exact;
        }

        foreach (var p in e.EnumerateObject())
        {
            if (p.NameEquals(name) || string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }

        return null;
    }

    private static string? Text(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        { ValueKind: JsonValueKind.Object or JsonValueKind.Array } o => o.GetRawText(),
        _ => null,
    };

    private void Accept(in RawEvent e, string source, int line)
    {
        if (e.Invalid is { } invalid)
        {
            Malformed(source, line, invalid);
            return;
        }

        var operation = e.Operation?.Trim();
        if (string.IsNullOrEmpty(operation) || !RequestText.IsValidAction(operation))
        {
            Malformed(source, line, string.IsNullOrEmpty(operation) ? "the event has no operation" : $"'{MessageText.Clip(operation)}' is not an operation name");
            return;
        }

        ActivityOutcome outcome;
        switch (e.Status?.Trim().ToUpperInvariant())
        {
            case "SUCCEEDED" or "SUCCESS":
                outcome = ActivityOutcome.Succeeded;
                break;
            case "FAILED" or "FAILURE":
                outcome = ActivityOutcome.Failed;
                break;
            case null or "":
                Malformed(source, line, "the event has no status");
                return;
            default:
                _skipped++; // Started, Accepted, Start, Active, Resolved...: not an outcome
                return;
        }

        if (string.IsNullOrWhiteSpace(e.ObjectId))
        {
            _skipped++; // Azure's own operations carry no object ID claim
            return;
        }

        if (!PrincipalId.TryParse(e.ObjectId.Trim(), out var principal))
        {
            Malformed(source, line, $"the object ID claim '{MessageText.Clip(e.ObjectId)}' is not a GUID");
            return;
        }

        TenantId? tenant = null;
        if (!string.IsNullOrWhiteSpace(e.TenantId))
        {
            if (!TenantId.TryParse(e.TenantId.Trim(), out var t))
            {
                Malformed(source, line, $"the tenant ID claim '{MessageText.Clip(e.TenantId)}' is not a GUID");
                return;
            }

            tenant = t;
        }

        if (!TryTime(e.Time, out var first) || !TryTime(e.LastTime ?? e.Time, out var last))
        {
            Malformed(source, line, $"the time '{MessageText.Clip(e.LastTime ?? e.Time ?? "")}' is not an ISO 8601 instant");
            return;
        }

        long events = 1;
        if (e.Events is { } count && (!long.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out events) || events < 1))
        {
            Malformed(source, line, $"Events '{MessageText.Clip(count)}' is not a positive count");
            return;
        }

        if (string.IsNullOrWhiteSpace(e.Scope) || !ResourceScope.TryParse(e.Scope.Trim(), out var resource))
        {
            Malformed(source, line, $"the scope '{MessageText.Clip(e.Scope ?? "")}' is not an ARM resource ID");
            return;
        }

        if (resource.SubscriptionId is not { } subscription)
        {
            _skipped++; // tenant or management-group level: no delegation covers it
            return;
        }

        var scope = resource.ResourceGroupName is { } group && ResourceScope.IsValidResourceGroupName(group)
            ? ResourceScope.ForResourceGroup(subscription, group)
            : ResourceScope.ForSubscription(subscription);
        _read += events - 1;
        Count(
            new ActivityRecord
            {
                PrincipalId = principal,
                CallerTenantId = tenant,
                Caller = string.IsNullOrWhiteSpace(e.Caller) ? null : MessageText.Clip(e.Caller.Trim()),
                Operation = Spellings.Value.TryGetValue(operation, out var spelled) ? spelled : operation,
                Scope = scope,
                Outcome = outcome,
                Events = events,
                FirstSeen = first,
                LastSeen = last,
            },
            events);
    }

    private void Count(ActivityRecord r, long events)
    {
        if ((_options.Since is { } since && r.LastSeen < since) || (_options.PrincipalId is { } only && only != r.PrincipalId))
        {
            _skipped += events;
            return;
        }

        var key = new Key(r.PrincipalId.Value, r.CallerTenantId?.Value ?? Guid.Empty, r.Operation.ToUpperInvariant(), r.Scope.ToString().ToUpperInvariant(), r.Outcome);
        if (_records.TryGetValue(key, out var a))
        {
            a.Add(r, events);
            return;
        }

        if (_records.Count >= _options.MaxRecords)
        {
            _skipped += events;
            if (!_full)
            {
                _full = true;
                _diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.ActivityTooManyRecords,
                    $"more than {_options.MaxRecords.ToString(CultureInfo.InvariantCulture)} distinct (caller, operation, scope) records: further ones are not counted, so a proposal may miss operations (aggregate in Log Analytics with 'advise --kql')"));
            }

            return;
        }

        _records[key] = new Aggregate(r, events);
    }

    private static bool TryTime(string? text, out DateTimeOffset time)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            time = DateTimeOffset.MinValue; // unknown: kept, but excluded by any ActivityLogOptions.Since
            return true;
        }

        // ISO 8601 (az, the aggregated export), or the portal's CSV form "11/4/2026, 6:30:00.000 PM" (UTC).
        const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        var trimmed = text.Trim();
        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, Utc, out time) ||
            DateTimeOffset.TryParseExact(trimmed, PortalFormats, CultureInfo.InvariantCulture, Utc, out time);
    }

    private void Malformed(string source, int line, string message)
    {
        if (_diagnostics.Count >= _options.MaxDiagnostics)
        {
            _dropped++;
            return;
        }

        _diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.ActivityRowMalformed, message + "; the row is skipped", source) with { Line = line });
    }

    private static Diagnostic Unreadable(string source, int line, string message) =>
        Diagnostic.Error(DiagnosticCodes.ActivityFileUnreadable, message + "; the rest of the file is not read", source) with
        {
            Line = line,
            Help = "Give the JSON array 'az monitor activity-log list' prints, an AzureActivity export (CSV or JSON), or the export of 'advise --kql'.",
        };

    private readonly record struct Key(Guid Principal, Guid Tenant, string Operation, string Scope, ActivityOutcome Outcome);

    private readonly record struct RawEvent
    {
        public string? Operation { get; init; }

        public string? Scope { get; init; }

        public string? Status { get; init; }

        public string? ObjectId { get; init; }

        public string? TenantId { get; init; }

        public bool HasClaims { get; init; }

        public string? Caller { get; init; }

        public string? Time { get; init; }

        public string? LastTime { get; init; }

        public string? Events { get; init; }

        public string? Invalid { get; init; }
    }

    private sealed class Aggregate(ActivityRecord first, long events)
    {
        private ActivityRecord _record = first;
        private long _events = events;

        public void Add(ActivityRecord r, long events)
        {
            _events += events;
            if (r.FirstSeen < _record.FirstSeen)
            {
                _record = _record with { FirstSeen = r.FirstSeen };
            }

            if (r.LastSeen > _record.LastSeen)
            {
                _record = _record with { LastSeen = r.LastSeen };
            }

            if (_record.Caller is null && r.Caller is not null)
            {
                _record = _record with { Caller = r.Caller };
            }
        }

        public ActivityRecord ToRecord() => _record with { Events = _events };
    }
}
