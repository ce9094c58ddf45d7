using System.Text;
using System.Text.Json;
using ManagedServices.Offers;
using ManagedServices.Arm;

namespace ManagedServices.Benchmarks;

/// <summary>
/// Writes the input of the CLI batch throughput run (benchmarks/cli-check-throughput.sh): the onboarding template of
/// the workload's 20-authorization offer assigned to one whole subscription that has no other delegation, and all of
/// the workload's 100,000 requests as JSON lines (with each principal's groups from memberships.json as
/// <c>groupIds</c>). Requests in that subscription must get the workload's expected decisions; the others get
/// NoDelegationCoversScope (or MalformedRequest), since one template delegates one subscription.
/// </summary>
public static class CliCheckWorkload
{
    /// <summary>The subscription delegated (offer 52cd7214 at subscription level, nothing else there).</summary>
    public const string Subscription = "ed40e6c1-4292-4dd6-88f1-89e0da98d68b";

    /// <summary>Writes template.json, parameters.json, requests.jsonl and expected.txt into <paramref name="directory"/>.</summary>
    /// <param name="directory">The output folder (created when missing).</param>
    public static void Write(string directory)
    {
        var w = AccessWorkload.Load(AccessWorkload.FindSharedDirectory() ?? throw new InvalidOperationException("../shared/workload is missing"));
        var sub = SubscriptionId.Parse(Subscription);
        var delegations = w.Snapshot.Delegations.Where(d => d.Scope.SubscriptionId == sub).ToArray();
        if (delegations.Length != 1 || delegations[0].Scope.Kind != ScopeKind.Subscription)
        {
            throw new InvalidOperationException("The workload no longer has exactly one whole-subscription delegation in " + Subscription);
        }

        var definition = new OnboardingDefinition { Name = delegations[0].Definition.Name, Manifest = delegations[0].Definition.Manifest };
        var files = OnboardingTemplate.Write(definition, OnboardingTarget.ForSubscription());
        if (files.HasErrors)
        {
            throw new InvalidOperationException(string.Join("\n", files.Diagnostics));
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "template.json"), files.Value!.Template);
        File.WriteAllText(Path.Combine(directory, "parameters.json"), files.Value.Parameters);
        using (var output = new StreamWriter(Path.Combine(directory, "requests.jsonl"), false, new UTF8Encoding(false)))
        {
            var buffer = new MemoryStream();
            for (var i = 0; i < w.Count; i++)
            {
                buffer.SetLength(0);
                using (var json = new Utf8JsonWriter(buffer))
                {
                    json.WriteStartObject();
                    json.WriteString("id", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    json.WriteString("principalId", w.Principals[i]);
                    json.WriteStartArray("groupIds");
                    if (PrincipalId.TryParse(w.Principals[i], out var principal))
                    {
                        foreach (var g in w.Groups.GetGroups(principal))
                        {
                            json.WriteStringValue(g.ToString());
                        }
                    }

                    json.WriteEndArray();
                    json.WriteString("action", w.Actions[i]);
                    json.WriteString("resource", w.Scopes[i]);
                    json.WriteEndObject();
                }

                output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            }
        }

        File.WriteAllText(Path.Combine(directory, "expected.txt"), new string([.. w.Expected!.Select(e => e ? '1' : '0')]));
    }
}
