namespace ManagedServices.Analysis;

/// <summary>
/// The Kusto query that aggregates Azure activity where the logs already live (a Log Analytics workspace's
/// <c>AzureActivity</c> table, or Azure Data Explorer) to one row per caller object ID, caller tenant, operation,
/// scope prefix (subscription or resource group) and outcome, with <c>Events</c> and first and last seen. Its export
/// (CSV or JSON) is what <see cref="ActivityLog"/> reads as the aggregated shape, so 90 days across thousands of
/// customers become a few thousand rows.
/// </summary>
public static class ActivityQueries
{
    /// <summary>The aggregation query.</summary>
    /// <param name="since">The first instant to count; null for the last 90 days (the activity log's own retention).</param>
    /// <returns>The Kusto query text.</returns>
    public static string AggregateKql(DateTimeOffset? since = null)
    {
        var window = since is { } s
            ? "datetime(" + s.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) + ")"
            : "ago(90d)";
        return $$"""
            // managed-services advise: one row per caller, tenant, operation, scope prefix and outcome.
            // Export the result as CSV or JSON and pass it to: managed-services advise --activity <file> ...
            AzureActivity
            | where TimeGenerated >= {{window}}
            | where ActivityStatusValue in~ ("Success", "Succeeded", "Failure", "Failed")
            | extend Claims = iff(isnull(Claims_d), parse_json(Claims), Claims_d)
            | extend CallerObjectId = tostring(Claims["http://schemas.microsoft.com/identity/claims/objectidentifier"]),
                     CallerTenantId = tostring(Claims["http://schemas.microsoft.com/identity/claims/tenantid"])
            | where isnotempty(CallerObjectId)
            | extend Scope = extract(@"^(/subscriptions/[^/]+(/resourcegroups/[^/]+)?)", 1, tolower(coalesce(_ResourceId, ResourceId)))
            | where isnotempty(Scope)
            | extend Operation = tolower(OperationNameValue),
                     Status = iff(ActivityStatusValue in~ ("Success", "Succeeded"), "Succeeded", "Failed")
            | summarize Events = count(), FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated), Caller = take_any(Caller)
                by CallerObjectId, CallerTenantId, Operation, Scope, Status
            | order by CallerObjectId asc, Operation asc, Scope asc, Status asc
            """;
    }
}
