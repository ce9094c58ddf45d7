using System.CommandLine;
using System.CommandLine.Invocation;
using ManagedServices.Access;
using ManagedServices.Analysis;

namespace ManagedServices.Cli;

/// <summary>
/// <c>prove --template ... --subscription &lt;guid&gt; --never &lt;pattern&gt; [--never ...] [--principal &lt;guid&gt;|--group &lt;guid&gt;]
/// [--include-eligible] [--scope &lt;id&gt;] [--format text|json|markdown]</c>: whether any authorization of the
/// template's delegations can ever allow an operation matching a pattern, decided by the library
/// (<see cref="AccessAnalysis.ProveNever"/>) over all operation names. Exit 0 when the guarantee holds, 1 when it does
/// not, 2 on usage errors.
/// </summary>
internal sealed class ProveCommand : Command
{
    public ProveCommand(CliContext context)
        : base("prove", "Proves that no authorization of the delegations (an onboarding template or the registration assignments) can ever perform an operation matching a pattern, or gives counterexamples. Exit 0: holds; 1: does not hold.")
    {
        Options.Add(Never);
        Options.Add(Principal.MustBeGuid());
        Options.Add(Group.MustBeGuid());
        Options.Add(IncludeEligible);
        Options.Add(Scope);
        Options.Add(Format);
        Source = DelegationSource.Add(this);
        this.Forbid(r => r.GetValue(Principal) is not null && r.GetValue(Group) is not null, "--principal and --group exclude each other");
        Action = new ProveHandler(this, context);
    }

    public DelegationSource Source { get; }

    public Option<string[]> Never { get; } = new("--never") { Description = "An operation pattern no authorization may ever allow (Azure's * glob, case-insensitive; repeat for several).", Required = true, HelpName = "pattern" };

    public Option<string?> Principal { get; } = new("--principal") { Description = "Only the authorizations of this principal.", HelpName = "guid" };

    public Option<string?> Group { get; } = new("--group") { Description = "Only the authorizations of this group.", HelpName = "guid" };

    public Option<bool> IncludeEligible { get; } = new("--include-eligible") { Description = "Also eligible authorizations, assuming any activation." };

    public Option<string?> Scope { get; } = new("--scope") { Description = "Only delegations that cover this scope (a subscription, resource group or resource ID).", HelpName = "id" };

    public Option<string> Format { get; } = OutputFormat.CreateOption(markdown: true);
}

/// <summary>Asks the library for the proof (<see cref="AccessAnalysis.ProveNever"/>) and writes it as text, JSON or Markdown.</summary>
internal sealed class ProveHandler(ProveCommand command, CliContext context) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parse)
    {
        var options = new ProofOptions
        {
            IncludeEligible = parse.GetValue(command.IncludeEligible),
            PrincipalId = parse.GetValue(command.Principal) is { } p ? Inputs.ParsePrincipal(p, "--principal") : null,
            GroupId = parse.GetValue(command.Group) is { } g ? Inputs.ParsePrincipal(g, "--group") : null,
            Scope = parse.GetValue(command.Scope),
        };
        var snapshot = command.Source.Resolve(parse, context);
        var patterns = parse.GetValue(command.Never) ?? [];
        var result = AccessEvaluator.Create(snapshot, new AccessEvaluatorOptions { TimeProvider = context.Time }).ProveNever(patterns, options);
        var usage = result.Diagnostics.Where(static d => d.Code is DiagnosticCodes.InvalidOperationPattern or DiagnosticCodes.InvalidScope).ToList();
        if (usage.Count > 0)
        {
            throw new UsageException(string.Join(Environment.NewLine, usage.Select(static d => d.ToString())));
        }

        foreach (var d in result.Diagnostics)
        {
            context.Error.WriteLine(d.ToString());
        }

        switch (parse.GetValue(command.Format))
        {
            case OutputFormat.Json:
                JsonOutput.Document(context.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("holds", result.Value.Holds);
                    w.WriteStartArray("counterexamples");
                    foreach (var c in result.Value.Counterexamples)
                    {
                        w.WriteStartObject();
                        w.WriteString("pattern", c.Pattern);
                        w.WriteString("principalId", c.PrincipalId.ToString());
                        w.WriteString("roleDefinitionId", c.RoleDefinitionId.ToString());
                        w.WriteString("scope", c.Scope.ToString());
                        w.WriteString("operation", c.Operation);
                        w.WriteBoolean("known", c.Known);
                        w.WriteString("requires", Requires(c.Requires));
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                });
                break;
            case OutputFormat.Markdown:
                context.Out.WriteLine($"## Proof: never {string.Join(", ", patterns.Select(static p => $"`{p}`"))}");
                context.Out.WriteLine();
                context.Out.WriteLine(result.Value.Holds ? $"**Holds**: {Considered(options)} can ever perform a matching operation." : "**Does not hold.**");
                if (!result.Value.Counterexamples.IsEmpty)
                {
                    context.Out.WriteLine();
                    context.Out.WriteLine("| Pattern | Principal | Role | Scope | Operation | Known | Requires |");
                    context.Out.WriteLine("|---|---|---|---|---|---|---|");
                    foreach (var c in result.Value.Counterexamples)
                    {
                        context.Out.WriteLine($"| `{c.Pattern}` | {c.PrincipalId} | {RoleName(c.RoleDefinitionId)} | `{c.Scope}` | `{c.Operation}` | {(c.Known ? "yes" : "no")} | {Requires(c.Requires)} |");
                    }
                }

                break;
            default:
                if (result.Value.Holds)
                {
                    context.Out.WriteLine($"holds: {Considered(options)} can ever perform an operation matching {string.Join(", ", patterns.Select(static p => $"'{p}'"))}");
                }
                else
                {
                    context.Out.WriteLine($"does not hold: {result.Value.Counterexamples.Length} counterexample(s)");
                    foreach (var c in result.Value.Counterexamples)
                    {
                        var requires = c.Requires == AccessRequirement.None ? "" : $" (requires {Requires(c.Requires)})";
                        context.Out.WriteLine($"  {c.PrincipalId} with {RoleName(c.RoleDefinitionId)} at {c.Scope}: {c.Operation} ({(c.Known ? "known operation" : "synthesized name")}) matches '{c.Pattern}'{requires}");
                    }
                }

                break;
        }

        return result.Value.Holds ? ExitCodes.Success : ExitCodes.InvalidInput;
    }

    private static string Considered(ProofOptions options) =>
        options.IncludeEligible ? "no authorization (permanent, or eligible after any activation)" : "no permanent authorization";

    private static string Requires(AccessRequirement requires) => requires switch
    {
        AccessRequirement.Activation => "activation",
        AccessRequirement.ManagedIdentityTarget => "managedIdentityTarget",
        _ => "none",
    };

    private static string RoleName(RoleDefinitionId id) =>
        RoleCatalog.BuiltIn.TryGet(id, out var role) ? $"{role.Name} ({id})" : id.ToString();
}
