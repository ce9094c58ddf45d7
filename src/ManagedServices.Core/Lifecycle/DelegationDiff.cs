using System.Text.Json;
using ManagedServices.Offers;

namespace ManagedServices.Lifecycle;

/// <summary>
/// The differences between the delegations an older and a newer deployment create (for example two versions of an
/// onboarding template, through <c>OnboardingTemplate.Delegations</c> in <c>ManagedServices.Arm</c>): delegations added at a scope,
/// removed from a scope, and changed in place (with their <see cref="ManifestDiff"/>).
/// </summary>
/// <remarks>
/// <para>Delegations are compared per scope (compared as <see cref="ResourceScope"/> values). At one scope, the delegations of
/// the same registration definition are paired; then, when exactly one older and one newer delegation remain, they
/// are paired as the same delegation with a new definition. Every other newer delegation is <em>added</em>, which
/// widens access: a newly assigned definition, a scope that widens (resource group to subscription, one resource
/// group to more), unless an older delegation at an enclosing scope already grants at least as much (its
/// <see cref="ManifestDiff"/> to the added one does not widen; <see cref="DelegationChange.CoveringScope"/>).</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record DelegationDiff
{
    /// <summary>Every delegation added, removed or changed, ordered by scope then definition.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<DelegationChange> Changes { get; init => field = value.OrEmpty(); } = [];

    /// <summary>True when nothing changed.</summary>
    public bool IsEmpty => Changes.IsEmpty;

    /// <summary>True when a delegation is added or a changed delegation's manifest widens access.</summary>
    public bool WidensAccess => Changes.Any(static c => c.Direction == AccessChangeDirection.Widening);

    /// <summary>Compares the delegations of two deployments.</summary>
    /// <param name="older">The delegations in force.</param>
    /// <param name="newer">The proposed delegations.</param>
    /// <param name="catalog">The roles used by the manifest diffs; <see cref="RoleCatalog.BuiltIn"/> when null.</param>
    /// <returns>The differences.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static DelegationDiff Compare(IEnumerable<Delegation> older, IEnumerable<Delegation> newer, RoleCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        catalog ??= RoleCatalog.BuiltIn;
        var olderList = older.ToList();
        var oldByScope = ByScope(olderList);
        var newByScope = ByScope(newer);
        var changes = new List<DelegationChange>();
        foreach (var scope in oldByScope.Keys.Concat(newByScope.Keys).Distinct())
        {
            var olds = oldByScope.GetValueOrDefault(scope) ?? [];
            var news = newByScope.GetValueOrDefault(scope) ?? [];
            foreach (var n in news.ToList())
            {
                if (olds.FirstOrDefault(o => o.Definition.Id == n.Definition.Id) is { } o)
                {
                    olds.Remove(o);
                    news.Remove(n);
                    Changed(o, n);
                }
            }

            if (olds.Count == 1 && news.Count == 1)
            {
                Changed(olds[0], news[0]);
                olds.Clear();
                news.Clear();
            }

            changes.AddRange(news.Select(n => Added(n, scope)));
            changes.AddRange(olds.Select(o => new DelegationChange { Kind = ManifestChangeKind.Removed, Scope = scope, Old = o.Definition }));

            // An added delegation that an older one at an enclosing scope already covers (its manifest diff does not
            // widen) narrows or keeps access there; any other added delegation widens.
            DelegationChange Added(Delegation n, ResourceScope at)
            {
                foreach (var o in olderList)
                {
                    if (o.Scope != at && o.Scope.Contains(at) && ManifestDiff.Compare(o.Definition.Manifest, n.Definition.Manifest, catalog) is { WidensAccess: false } covered)
                    {
                        return new DelegationChange { Kind = ManifestChangeKind.Added, Scope = at, New = n.Definition, Old = o.Definition, CoveringScope = o.Scope, Manifest = covered };
                    }
                }

                return new DelegationChange { Kind = ManifestChangeKind.Added, Scope = at, New = n.Definition };
            }

            void Changed(Delegation o, Delegation n)
            {
                var manifest = ManifestDiff.Compare(o.Definition.Manifest, n.Definition.Manifest, catalog);
                if (!manifest.IsEmpty || o.Definition.Id != n.Definition.Id)
                {
                    changes.Add(new DelegationChange { Kind = ManifestChangeKind.Changed, Scope = scope, Old = o.Definition, New = n.Definition, Manifest = manifest });
                }
            }
        }

        return new DelegationDiff
        {
            Changes = [.. changes
                .OrderBy(static c => c.Scope.ToString(), StringComparer.OrdinalIgnoreCase)
                .ThenBy(static c => (c.New ?? c.Old)!.Id)
                .ThenBy(static c => c.Kind)],
        };
    }

    /// <summary>Formats the differences as readable multi-line text.</summary>
    /// <returns>The text.</returns>
    public string ToText()
    {
        var sb = new StringBuilder();
        if (IsEmpty)
        {
            return sb.AppendLine("Delegations: no changes.").ToString();
        }

        sb.Append("Delegations: ").Append(Changes.Length.ToString(CultureInfo.InvariantCulture)).Append(" change(s)")
            .AppendLine(WidensAccess ? ", widens access" : ", does not widen access");
        foreach (var c in Changes)
        {
            sb.Append(c.Kind switch { ManifestChangeKind.Added => "+ ", ManifestChangeKind.Removed => "- ", _ => "~ " })
                .Append(ManifestDiffFormat.Name(c.Kind)).Append(' ').Append(c.Scope).Append(" definition ");
            sb.Append(c.Kind == ManifestChangeKind.Changed && c.Old!.Id != c.New!.Id ? $"{c.Old.Id} -> {c.New.Id}" : (c.New ?? c.Old)!.Id.ToString())
                .Append(" (").Append(ManifestDiffFormat.Name(c.Direction)).AppendLine(")");
            if (c.CoveringScope is { } covering)
            {
                sb.Append("    covered by ").Append(c.Old!.Id).Append(" at ").Append(covering).AppendLine();
            }

            if (c.Manifest is { } manifest)
            {
                foreach (var line in manifest.ToText().Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    sb.Append("    ").AppendLine(line.TrimEnd('\r'));
                }
            }
        }

        return sb.ToString();
    }

    /// <summary>Formats the differences as an indented JSON document.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => ManifestDiffFormat.Indented(WriteJson);

    /// <summary>Writes the differences as one JSON object: <c>{ "widensAccess", "delegations": [...] }</c>.</summary>
    /// <param name="writer">The writer.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteBoolean("widensAccess", WidensAccess);
        writer.WriteStartArray("delegations");
        foreach (var c in Changes)
        {
            writer.WriteStartObject();
            writer.WriteString("change", ManifestDiffFormat.Name(c.Kind));
            writer.WriteString("direction", ManifestDiffFormat.Name(c.Direction));
            writer.WriteString("scope", c.Scope.ToString());
            if (c.Old is { } o)
            {
                writer.WriteString("oldDefinitionId", o.Id);
            }

            if (c.New is { } n)
            {
                writer.WriteString("newDefinitionId", n.Id);
            }

            if (c.CoveringScope is { } covering)
            {
                writer.WriteString("coveringScope", covering.ToString());
            }

            if (c.Manifest is { } manifest)
            {
                writer.WritePropertyName("manifest");
                manifest.WriteJson(writer);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <inheritdoc/>
    public bool Equals(DelegationDiff? other) => other is not null && Sequence.Equal(Changes, other.Changes);

    /// <inheritdoc/>
    public override int GetHashCode() => Sequence.Hash(Changes);

    private bool PrintMembers(StringBuilder builder)
    {
        Sequence.Print(builder, nameof(Changes), Changes);
        return true;
    }

    private static Dictionary<ResourceScope, List<Delegation>> ByScope(IEnumerable<Delegation> delegations)
    {
        var map = new Dictionary<ResourceScope, List<Delegation>>();
        foreach (var d in delegations)
        {
            ArgumentNullException.ThrowIfNull(d, nameof(delegations));
            if (!map.TryGetValue(d.Scope, out var list))
            {
                map[d.Scope] = list = [];
            }

            // Two assignments of one definition at one scope grant the same: compare it once.
            if (!list.Any(x => x.Definition.Id == d.Definition.Id && x.Definition == d.Definition))
            {
                list.Add(d);
            }
        }

        return map;
    }
}
