using System.CommandLine;
using System.CommandLine.Parsing;
using ManagedServices.Access;
using ManagedServices.Rest;

namespace ManagedServices.Cli;

/// <summary>
/// Where the delegations of an access command come from — the one definition of these options, shared by every
/// command that evaluates access (<c>check</c>, <c>who-can</c>, <c>what-can</c>, and any new one):
/// <list type="bullet">
/// <item><c>--template &lt;file&gt; [--parameters &lt;file&gt;] --subscription &lt;guid&gt; [--customer-tenant &lt;guid&gt;]</c>:
/// the delegations an onboarding template creates once deployed (the provider's view, before deployment);</item>
/// <item><c>--assignments &lt;file&gt;</c> (repeatable) <c>[--definitions &lt;file&gt;] [--customer-tenant &lt;guid&gt;]</c>:
/// the registration assignments Azure returns (the customer's view, what is deployed).</item>
/// </list>
/// Both go through one library call each (<c>OnboardingTemplate.Delegations</c>,
/// <c>RegistrationResources.ReadDelegations</c>); the CLI only reads the files. Neither or both is a usage error
/// (exit 2); a file with errors is invalid input (exit 1); warnings go to standard error.
/// </summary>
/// <example>
/// <code>
/// var source = DelegationSource.Add(command);
/// // in the handler:
/// var snapshot = source.Resolve(parse, context);
/// </code>
/// </example>
internal sealed class DelegationSource
{
    private readonly Option<string?> _template = new("--template") { Description = "The onboarding template (ARM JSON) whose delegations to evaluate; with --subscription. Excludes --assignments.", HelpName = "file" };
    private readonly Option<string?> _parameters = new("--parameters") { Description = "The template's parameters file.", HelpName = "file" };
    private readonly Option<string?> _subscription = new("--subscription") { Description = "The subscription the template was deployed to (as with az deployment sub create); with --template.", HelpName = "guid" };
    private readonly Option<string?> _customerTenant = new("--customer-tenant") { Description = "The customer tenant the delegated subscription belongs to (shown in grants); with --assignments, only for definitions without manageeTenantId.", HelpName = "guid" };

    private readonly Option<string[]> _assignments = new("--assignments")
    {
        Description = "Registration assignments as Azure returns them, definitions expanded (az rest ... registrationAssignments?api-version=2022-10-01&$expandRegistrationDefinition=true, or az managedservices assignment list --include-definition true). Repeat for several files. Excludes --template.",
        HelpName = "file",
    };

    private readonly Option<string[]> _definitions = new("--definitions")
    {
        Description = "Registration definitions as Azure returns them, for assignments listed without their definitions; with --assignments. Repeat for several files.",
        HelpName = "file",
    };

    private DelegationSource()
    {
    }

    /// <summary>
    /// Adds the delegation-source options to <paramref name="command"/>, with a validator that reports the usage
    /// errors (exit 2) while parsing: no source, both sources, an option of one source with the other,
    /// <c>--template</c> without <c>--subscription</c>, a malformed GUID.
    /// </summary>
    /// <param name="command">The command.</param>
    /// <param name="needed">When the command line needs delegations (default: always); for example not for <c>advise --kql</c>.</param>
    /// <returns>The source, to resolve in the command's handler.</returns>
    public static DelegationSource Add(Command command, Func<CommandResult, bool>? needed = null)
    {
        var source = new DelegationSource();
        command.Options.Add(source._template);
        command.Options.Add(source._parameters);
        command.Options.Add(source._subscription.MustBeGuid());
        command.Options.Add(source._customerTenant.MustBeGuid());
        command.Options.Add(source._assignments);
        command.Options.Add(source._definitions);
        command.Validators.Add(result =>
        {
            if ((needed is null || needed(result)) && source.UsageError(result) is { } error)
            {
                result.AddError(error);
            }
        });
        return source;
    }

    /// <summary>The usage error of the source options on a command line, or null.</summary>
    private string? UsageError(CommandResult result)
    {
        var template = result.GetValue(_template);
        var parameters = result.GetValue(_parameters);
        var subscription = result.GetValue(_subscription);
        var assignments = result.GetValue(_assignments) ?? [];
        var definitions = result.GetValue(_definitions) ?? [];
        if (template is null && assignments.Length == 0)
        {
            return definitions.Length > 0
                ? "--definitions goes with --assignments <file>: give the registration assignments too"
                : "say where the delegations come from: --template <file> --subscription <guid> (an onboarding template), or --assignments <file> (registration assignments as Azure returns them)";
        }

        if (template is not null && assignments.Length > 0)
        {
            return "--template and --assignments exclude each other: give one source of delegations";
        }

        if (template is not null)
        {
            return definitions.Length > 0 ? "--definitions goes with --assignments, not with --template"
                : subscription is null ? "--template needs --subscription <guid>: the subscription the template is deployed to"
                : null;
        }

        return parameters is not null || subscription is not null
            ? (parameters is not null ? "--parameters" : "--subscription") + " goes with --template; registration assignments carry their scopes in their ids"
            : null;
    }

    /// <summary>
    /// The delegations the command line names (validated by the validator <see cref="Add"/> adds): one library call
    /// each. Invalid input (exit 1): a file that cannot be read or has errors (printed one per line). Warnings go to
    /// standard error.
    /// </summary>
    public DelegationSnapshot Resolve(ParseResult parse, CliContext context)
    {
        var template = parse.GetValue(_template);
        var parameters = parse.GetValue(_parameters);
        var subscription = parse.GetValue(_subscription);
        var customerTenant = parse.GetValue(_customerTenant);
        var assignments = parse.GetValue(_assignments) ?? [];
        var definitions = parse.GetValue(_definitions) ?? [];
        if (template is not null)
        {
            return Inputs.RequireDelegations(context, template, parameters, subscription, customerTenant);
        }

        var tenant = Inputs.ParseTenant(customerTenant, "--customer-tenant");
        var read = RegistrationResources.ReadDelegations(
            [.. assignments.Select(path => new RestDocument { Name = path, Json = Inputs.ReadFile(context, path) })],
            [.. definitions.Select(path => new RestDocument { Name = path, Json = Inputs.ReadFile(context, path) })],
            tenant);
        foreach (var warning in read.Diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Warning))
        {
            context.Error.WriteLine(warning.ToString());
        }

        if (read.HasErrors)
        {
            throw Inputs.Failed("the registration assignments cannot be read (a malformed assignment grants nothing, so no answer is given)", read.Diagnostics);
        }

        return DelegationSnapshot.Create(read.Value!);
    }
}
