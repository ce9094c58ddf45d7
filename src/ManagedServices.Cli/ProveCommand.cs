using System.CommandLine;
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
internal static class ProveCommand
{
    public static Command Create(CliContext context)
    {
        var never = new Option<string[]>("--never") { Description = "An operation pattern no authorization may ever allow (Azure's * glob, case-insensitive; repeat for several).", Required = true, HelpName = "pattern" };
        var principal = new Option<string?>("--principal") { Description = "Only the authorizations of this principal.", HelpName = "guid" };
        var group = new Option<string?>("--group") { Description = "Only the authorizations of this group.", HelpName = "guid" };
        var includeEligible = new Option<bool>("--include-eligible") { Description = "Also eligible authorizations, assuming any activation." };
        var scope = new Option<string?>("--scope") { Description = "Only delegations that cover this scope (a subscription, resource group or resource ID).", HelpName = "id" };
        var format = OutputFormat.CreateOption(markdown: true);
        var command = new Command("prove", "Proves that no authorization of the delegations (an onboarding template or the registration assignments) can ever perform an operation matching a pattern, or gives counterexamples. Exit 0: holds; 1: does not hold.")
        {
            never, principal, group, includeEligible, scope, format,
        };
        var source = DelegationSource.Add(command);
        command.SetAction(parse =>
        {
            if (parse.GetValue(principal) is not null && parse.GetValue(group) is not null)
            {
                throw new UsageException("--principal and --group exclude each other");
            }

            var options = new ProofOptions
            {
                IncludeEligible = parse.GetValue(includeEligible),
                PrincipalId = parse.GetValue(principal) is { } p ? Inputs.ParsePrincipal(p, "--principal") : null,
                GroupId = parse.GetValue(group) is { } g ? Inputs.ParsePrincipal(g, "--group") : null,
                Scope = parse.GetValue(scope),
            };
            var snapshot = source.Resolve(parse, context);
            var patterns = parse.GetValue(never) ?? [];
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

            switch (parse.GetValue(format))
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
        });
        return command;
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
