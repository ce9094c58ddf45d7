using ManagedServices.Json;
using ManagedServices.Offers;

namespace ManagedServices.Arm;

/// <summary>Reads onboarding templates (and Azure Policy management-group onboarding templates) into the model.</summary>
internal sealed partial class TemplateReader
{
    /// <summary>ARM's limit on the iterations of one copy loop.</summary>
    public const int MaxCopyCount = 800;

    private const string DefinitionType = TemplateWriter.DefinitionType;
    private const string AssignmentType = TemplateWriter.AssignmentType;
    private const string DeploymentType = "Microsoft.Resources/deployments";
    private const string PolicyDefinitionType = "Microsoft.Authorization/policyDefinitions";

    private readonly ImmutableArray<Diagnostic>.Builder _diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
    private readonly List<FoundDefinition> _definitions = [];
    private readonly List<FoundAssignment> _assignments = [];
    private readonly HashSet<string> _reportedPaths = new(StringComparer.Ordinal);
    private readonly OnboardingReadOptions _options;
    private readonly ManifestReader _reader;
    private readonly WorkBudget _budget = new();
    private bool _resourceGroupSchema;
    private ArmExpressionEvaluator _evaluator;

    private TemplateReader(OnboardingReadOptions options)
    {
        _options = options;
        _reader = new ManifestReader(_diagnostics);
        _evaluator = new ArmExpressionEvaluator(_diagnostics, options.SubscriptionId, _budget);
    }

    public static DiagnosticResult<OnboardingTemplateContent> Read(string templateJson, string? parametersJson, OnboardingReadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(templateJson);
        var reader = new TemplateReader(options ?? new OnboardingReadOptions());
        var value = reader.Run(templateJson, parametersJson);
        // Copy loops evaluate the same nodes several times: report each finding once.
        var seen = new HashSet<Diagnostic>();
        return new(value, [.. reader._diagnostics.Where(seen.Add)]);
    }

    private OnboardingTemplateContent? Run(string templateJson, string? parametersJson)
    {
        var root = JsonTree.Parse(templateJson, "$", _diagnostics);
        var parametersRoot = parametersJson is null ? null : JsonTree.Parse(parametersJson, DiagnosticInput.ParametersPathPrefix + "$", _diagnostics);
        if (root is null || (parametersJson is not null && parametersRoot is null) || !_reader.Expect(root, JKind.Object, "template"))
        {
            return null;
        }

        if (root.Get("languageVersion") is { } languageVersion)
        {
            Add(Diagnostic.Error(DiagnosticCodes.TemplateExpressionUnsupported,
                "Templates with a languageVersion (symbolic resource names) are outside the supported subset.", languageVersion.Path), languageVersion);
            return null;
        }

        var resources = root.Get("resources");
        if (resources is null)
        {
            Add(Diagnostic.Error(DiagnosticCodes.TemplateHasNoDelegation, "The template has no resources.", root.Path), root);
            return null;
        }

        if (!_reader.Expect(resources, JKind.Array, "resources"))
        {
            return null;
        }

        if (!Declare(_evaluator, root, Supplied(root, parametersRoot)))
        {
            return null;
        }

        _evaluator.ResolveAllParameters();
        _resourceGroupSchema = IsResourceGroupSchema(root);
        if (FindPolicy(resources) is { } policy)
        {
            return ReadPolicy(policy);
        }

        Walk(resources, resourceGroup: null, depth: 0);
        return _budget.Exceeded ? null : Assemble(OnboardingTemplateKind.Onboarding, resources);
    }

    /// <summary>Declares parameters and variables of a template on an evaluator. False when the template is unusable.</summary>
    private bool Declare(ArmExpressionEvaluator evaluator, JNode template, Dictionary<string, JNode> supplied)
    {
        if (template.Get("parameters") is { } parameters && parameters.Kind != JKind.Null)
        {
            if (!_reader.Expect(parameters, JKind.Object, "parameters section"))
            {
                return false;
            }

            foreach (var p in parameters.Properties!)
            {
                if (_reader.Expect(p.Value, JKind.Object, "parameter declaration"))
                {
                    supplied.TryGetValue(p.Key, out var value);
                    evaluator.DeclareParameter(p.Key, p.Value, value);
                }
            }
        }

        foreach (var name in supplied.Keys)
        {
            if (!evaluator.IsParameterDeclared(name))
            {
                var node = supplied[name];
                Add(Diagnostic.Error(DiagnosticCodes.TemplateParameterUnknown,
                    $"A value is given for the parameter '{MessageText.Clip(name)}', which the template does not declare.", node.Path), node);
            }
        }

        if (template.Get("variables") is { } variables && variables.Kind != JKind.Null)
        {
            if (!_reader.Expect(variables, JKind.Object, "variables section"))
            {
                return false;
            }

            foreach (var v in variables.Properties!)
            {
                if (string.Equals(v.Key, "copy", StringComparison.OrdinalIgnoreCase))
                {
                    Add(Diagnostic.Error(DiagnosticCodes.TemplateExpressionUnsupported,
                        "Variable copy loops are outside the supported subset.", v.Value.Path), v.Value);
                    continue;
                }

                evaluator.DeclareVariable(v.Key, v.Value);
            }
        }

        return true;
    }

    /// <summary>Collects parameter values from the parameters file and the inline overrides (which win).</summary>
    private Dictionary<string, JNode> Supplied(JNode template, JNode? parametersRoot)
    {
        var supplied = new Dictionary<string, JNode>(StringComparer.OrdinalIgnoreCase);
        if (parametersRoot is not null && _reader.Expect(parametersRoot, JKind.Object, "parameters file"))
        {
            var container = parametersRoot.Get("parameters") ?? (parametersRoot.Get("$schema") is null ? parametersRoot : null);
            if (container is not null && _reader.Expect(container, JKind.Object, "parameters object"))
            {
                foreach (var p in container.Properties!)
                {
                    if (!_reader.Expect(p.Value, JKind.Object, "parameter value"))
                    {
                        continue;
                    }

                    if (p.Value.Get("value") is { } value)
                    {
                        supplied[p.Key] = value;
                    }
                    else if (p.Value.Get("reference") is { } reference)
                    {
                        Add(Diagnostic.Error(DiagnosticCodes.TemplateExpressionUnsupported,
                            $"The parameter '{MessageText.Clip(p.Key)}' is a Key Vault reference, which cannot be resolved offline.", reference.Path), reference);
                    }
                    else
                    {
                        Add(Diagnostic.Error(DiagnosticCodes.RequiredValueMissing,
                            $"The parameter '{MessageText.Clip(p.Key)}' in the parameters file has no 'value'.", p.Value.Path), p.Value);
                    }
                }
            }
        }

        var declarations = template.Get("parameters");
        foreach (var (name, text) in _options.ParameterOverrides.OrderBy(static p => p.Key, StringComparer.Ordinal))
        {
            var path = "override:" + name;
            var declaredType = declarations?.Kind == JKind.Object && declarations.Get(name) is { Kind: JKind.Object } d && d.Get("type") is { IsString: true } t
                ? t.Text!
                : "string";
            if (declaredType.Equals("string", StringComparison.OrdinalIgnoreCase) || declaredType.Equals("securestring", StringComparison.OrdinalIgnoreCase))
            {
                supplied[name] = JNode.String(text ?? "", path, null);
            }
            else if (JsonTree.Parse(text ?? "", path, _diagnostics) is { } parsed)
            {
                supplied[name] = parsed;
            }
        }

        return supplied;
    }

    private void Walk(JNode resources, string? resourceGroup, int depth, bool fromCopy = false)
    {
        foreach (var resource in resources.Items!)
        {
            if (_evaluator.BudgetExceeded)
            {
                return;
            }

            if (!_reader.Expect(resource, JKind.Object, "resource"))
            {
                continue;
            }

            if (resource.Get("copy") is not { } copy || copy.Kind == JKind.Null)
            {
                Visit(resource, resourceGroup, depth, fromCopy);
                continue;
            }

            if (_evaluator.Copy is not null)
            {
                Add(Diagnostic.Error(DiagnosticCodes.TemplateExpressionUnsupported,
                    "A copy loop inside a nested template that is itself in a copy loop is outside the supported subset.", copy.Path), copy);
                continue;
            }

            if (!_reader.Expect(copy, JKind.Object, "copy"))
            {
                continue;
            }

            var loopName = copy.Get("name") is { IsString: true } n ? n.Text! : "";
            var countNode = copy.Get("count");
            var count = countNode is null ? null : _evaluator.Evaluate(countNode);
            if (count is null || !count.TryGetInteger(out var iterations))
            {
                if (count is not null || countNode is null)
                {
                    Add(Diagnostic.Error(DiagnosticCodes.JsonUnexpectedType, "The copy count must be an integer.", countNode?.Path ?? copy.Path), countNode ?? copy);
                }

                continue;
            }

            if (iterations is < 0 or > MaxCopyCount)
            {
                Add(Diagnostic.Error(DiagnosticCodes.TemplateLimitExceeded,
                    $"The copy count {iterations.ToString(CultureInfo.InvariantCulture)} is outside 0 to {MaxCopyCount.ToString(CultureInfo.InvariantCulture)} (ARM's limit).",
                    countNode!.Path), countNode);
                continue;
            }

            for (var i = 0; i < iterations && !_evaluator.BudgetExceeded; i++)
            {
                _evaluator.Copy = (loopName, i);
                Visit(resource, resourceGroup, depth, fromCopy: true);
            }

            _evaluator.Copy = null;
        }
    }

    private void Visit(JNode resource, string? resourceGroup, int depth, bool fromCopy)
    {
        if (resource.Get("condition") is { } conditionNode)
        {
            var condition = _evaluator.Evaluate(conditionNode);
            if (condition is null)
            {
                return;
            }

            if (!condition.IsBool)
            {
                Add(Diagnostic.Error(DiagnosticCodes.JsonUnexpectedType, "A resource condition must be a bool.", conditionNode.Path), conditionNode);
                return;
            }

            if (condition.Kind == JKind.False)
            {
                return;
            }
        }

        var type = EvaluateString(resource, "type");
        if (type is null)
        {
            return;
        }

        if ((type.Equals(DefinitionType, StringComparison.OrdinalIgnoreCase) || type.Equals(AssignmentType, StringComparison.OrdinalIgnoreCase)) &&
            (resource.Get("scope") ?? resource.Get("resourceGroup") ?? resource.Get("subscriptionId")) is { } explicitScope)
        {
            // Only deployments take 'resourceGroup' and 'subscriptionId'; where ARM would place a registration resource
            // that names them (or an explicit 'scope') is not read here: refused rather than placed at the subscription.
            Add(Diagnostic.Error(DiagnosticCodes.TemplateDeploymentUnsupported,
                "A registration definition or assignment with an explicit 'scope', 'resourceGroup' or 'subscriptionId' is outside the supported subset; create it in the deployment (or the nested deployment) of its scope.",
                explicitScope.Path), explicitScope);
            return;
        }

        if (type.Equals(DefinitionType, StringComparison.OrdinalIgnoreCase))
        {
            var name = EvaluateString(resource, "name");
            var apiVersion = resource.Get("apiVersion") is { IsString: true } a ? a.Text! : "";
            var properties = resource.Get("properties") is { } p ? EvaluateProperties(p) : null;
            var plan = resource.Get("plan") is { } planNode ? _evaluator.Evaluate(planNode) : null;
            CheckDefinitionScope(resource, resourceGroup);

            if (properties is null && resource.Get("properties") is null)
            {
                Add(Diagnostic.Error(DiagnosticCodes.RequiredValueMissing, "The registration definition has no properties.", resource.Path), resource);
            }

            _definitions.Add(new FoundDefinition(resource, name, apiVersion, properties, plan, fromCopy || _evaluator.Copy is not null));
        }
        else if (type.Equals(AssignmentType, StringComparison.OrdinalIgnoreCase))
        {
            var name = EvaluateString(resource, "name");
            string? definitionId = null;
            if (resource.Get("properties") is { } p && EvaluateProperties(p) is { } properties &&
                _reader.Expect(properties, JKind.Object, "registration assignment properties"))
            {
                definitionId = _reader.OptionalString(properties, "registrationDefinitionId");
            }

            _assignments.Add(new FoundAssignment(resource, name, definitionId, resourceGroup, fromCopy || _evaluator.Copy is not null, _evaluator.ResourceGroup is not null));
        }
        else if (type.Equals(DeploymentType, StringComparison.OrdinalIgnoreCase))
        {
            VisitDeployment(resource, depth);
        }
    }

    /// <summary>
    /// A registration definition is created at subscription scope only; ARM refuses one in a resource-group deployment
    /// with <c>InvalidRegistrationDefinitionUri</c> (rule book §1.2, §5.3): in a nested deployment to a resource group,
    /// or anywhere in a template whose <c>$schema</c> is the resource-group deployment schema
    /// (<c>deploymentTemplate.json</c>, deployed with <c>az deployment group create</c>).
    /// </summary>
    private void CheckDefinitionScope(JNode resource, string? resourceGroup)
    {
        var where = resourceGroup is not null ? "in a nested resource-group deployment"
            : _resourceGroupSchema ? "in a template with the resource-group deployment schema (deploymentTemplate.json)"
            : null;
        if (where is not null && _reportedPaths.Add("rg:" + resource.Path))
        {
            Add(Diagnostic.Error(DiagnosticCodes.RegistrationDefinitionNotAtSubscription,
                $"A registration definition must be created at subscription scope, not {where}; ARM refuses it with InvalidRegistrationDefinitionUri.",
                resource.Path) with
            {
                Help = "Use the subscription deployment schema (subscriptionDeploymentTemplate.json) and deploy with az deployment sub create; assign in resource groups through nested deployments.",
            }, resource);
        }
    }

    /// <summary>True when the root <c>$schema</c> is ARM's resource-group deployment schema (<c>…/deploymentTemplate.json#</c>).</summary>
    private static bool IsResourceGroupSchema(JNode root) =>
        root.Get("$schema") is { IsString: true } schema &&
        schema.Text!.TrimEnd('#').Split('/')[^1].Equals("deploymentTemplate.json", StringComparison.OrdinalIgnoreCase);

    private void VisitDeployment(JNode resource, int depth)
    {
        if (depth > 0)
        {
            Add(Diagnostic.Error(DiagnosticCodes.TemplateExpressionUnsupported,
                "Deployments nested more than one level deep are outside the supported subset.", resource.Path), resource);
            return;
        }

        if (resource.Get("properties") is not { } properties || !_reader.Expect(properties, JKind.Object, "deployment properties"))
        {
            return;
        }

        if (properties.Get("templateLink") is { } link)
        {
            Add(Diagnostic.Error(DiagnosticCodes.TemplateDeploymentUnsupported,
                "Linked templates (templateLink) cannot be read offline, so what they delegate is unknown; inline the template.", link.Path), link);
            return;
        }

        if (resource.Get("scope") is { } deploymentScope)
        {
            Add(Diagnostic.Error(DiagnosticCodes.TemplateDeploymentUnsupported,
                "Nested deployments with an explicit 'scope' (a management group or the tenant) are outside the supported subset.", deploymentScope.Path), deploymentScope);
            return;
        }

        var innerScope = properties.Get("expressionEvaluationOptions") is { Kind: JKind.Object } evaluation &&
            evaluation.Get("scope") is { IsString: true } scope && scope.Text!.Equals("inner", StringComparison.OrdinalIgnoreCase);

        if (resource.Get("subscriptionId") is not null)
        {
            // The same subscription (as Bicep writes 'scope: resourceGroup(subscription().subscriptionId, name)') is
            // placed exactly; another subscription is refused: its assignments could not reference this template's
            // definitions, and offline nothing is known of that subscription.
            var target = EvaluateString(resource, "subscriptionId");
            if (target is null)
            {
                return;
            }

            var own = (_options.SubscriptionId ?? default).ToString();
            if (!string.Equals(target, own, StringComparison.OrdinalIgnoreCase))
            {
                var node = resource.Get("subscriptionId")!;
                Add(Diagnostic.Error(DiagnosticCodes.TemplateDeploymentUnsupported,
                    $"The nested deployment targets the subscription '{MessageText.Clip(target)}', not the one the template is deployed to ({own}); deployments to another subscription are outside the supported subset.",
                    node.Path) with
                {
                    Help = _options.SubscriptionId is null ? "Pass the subscription the template is deployed to (OnboardingReadOptions.SubscriptionId, --subscription)." : null,
                }, node);
                return;
            }
        }

        string? resourceGroup = null;
        if (resource.Get("resourceGroup") is { } groupNode)
        {
            resourceGroup = EvaluateString(resource, "resourceGroup");
            if (resourceGroup is null)
            {
                return;
            }

            if (!ScopeParser.IsResourceGroupName(resourceGroup))
            {
                Add(Diagnostic.Error(DiagnosticCodes.InvalidResourceGroupName,
                    $"The nested deployment's resource group '{MessageText.Clip(resourceGroup)}' is not a valid resource group name ({ScopeParser.ResourceGroupNameRule}).", groupNode.Path), groupNode);
                return;
            }
        }

        if (properties.Get("template") is not { } template || !_reader.Expect(template, JKind.Object, "nested template"))
        {
            return;
        }

        if (template.Get("resources") is not { } nested || !_reader.Expect(nested, JKind.Array, "nested resources"))
        {
            return;
        }

        if (!innerScope)
        {
            Walk(nested, resourceGroup, depth + 1);
            return;
        }

        // Inner scope (as Bicep modules compile): the nested template has its own parameters and variables; the
        // deployment passes parameter values evaluated in the outer scope.
        var supplied = new Dictionary<string, JNode>(StringComparer.OrdinalIgnoreCase);
        if (properties.Get("parameters") is { Kind: JKind.Object } passed)
        {
            foreach (var p in passed.Properties!)
            {
                if (_reader.Expect(p.Value, JKind.Object, "deployment parameter") && p.Value.Get("value") is { } raw && _evaluator.Evaluate(raw) is { } value)
                {
                    supplied[p.Key] = value;
                }
            }
        }

        var outer = _evaluator;
        // In inner scope the nested template is a resource-group deployment when it names a resource group: there
        // resourceId() without a subscription or resource group resolves in that resource group, as ARM does.
        _evaluator = new ArmExpressionEvaluator(_diagnostics, _options.SubscriptionId, _budget) { ResourceGroup = resourceGroup };
        try
        {
            if (Declare(_evaluator, template, supplied))
            {
                _evaluator.ResolveAllParameters();
                Walk(nested, resourceGroup, depth + 1, fromCopy: outer.Copy is not null);
            }
        }
        finally
        {
            _evaluator = outer;
        }
    }

    private string? EvaluateString(JNode resource, string member)
    {
        var node = resource.Get(member);
        if (node is null)
        {
            Add(Diagnostic.Error(DiagnosticCodes.RequiredValueMissing, $"The resource has no '{member}'.", JNode.Child(resource.Path, member)), resource);
            return null;
        }

        var value = _evaluator.Evaluate(node);
        if (value is null)
        {
            return null;
        }

        return _reader.Expect(value, JKind.String, member) ? value.Text : null;
    }

    private OnboardingTemplateContent? Assemble(OnboardingTemplateKind kind, JNode resources)
    {
        if (_definitions.Count == 0)
        {
            if (!_diagnostics.Any(static d => d.Severity == DiagnosticSeverity.Error))
            {
                var policies = resources.Items!.Any(static r => r.Get("type") is { IsString: true } t &&
                    t.Text!.StartsWith("Microsoft.Authorization/policy", StringComparison.OrdinalIgnoreCase));
                Add(Diagnostic.Error(DiagnosticCodes.TemplateHasNoDelegation,
                    "The template creates no registration definition (Microsoft.ManagedServices/registrationDefinitions), so it delegates nothing.",
                    resources.Path) with
                {
                    Help = policies ? "This template defines Azure Policy resources about delegations (for example auditing or allowed tenants), not a delegation." : null,
                }, resources);
            }

            return null;
        }

        var definitions = ImmutableArray.CreateBuilder<RegistrationDefinition>(_definitions.Count);
        var indexOf = new Dictionary<FoundDefinition, int>(ReferenceEqualityComparer.Instance);
        OnboardingDefinition? first = null;
        foreach (var found in _definitions)
        {
            if (found.Properties is null)
            {
                continue;
            }

            var definition = _reader.ReadDefinition(found.Properties, found.Plan);
            if (definition is null)
            {
                continue;
            }

            CheckApiVersion(found, definition.Manifest);
            var id = Guid.Empty;
            if (found.Name is not null && !GuidText.TryParse(found.Name, out id) && _reportedPaths.Add("name:" + found.Resource.Path))
            {
                var nameNode = found.Resource.Get("name")!;
                Add(Diagnostic.Error(DiagnosticCodes.TemplateValueNotGuid,
                    $"The registration definition name '{MessageText.Clip(found.Name)}' is not a GUID.", nameNode.Path), nameNode);
            }

            if (first is null)
            {
                first = definition;
            }
            else if (first != definition && _reportedPaths.Add("differs:" + found.Resource.Path))
            {
                Add(Diagnostic.Warning(DiagnosticCodes.TemplateInconsistent,
                    "The template creates registration definitions with different content; the first one is reported as the definition.",
                    found.Resource.Path), found.Resource);
            }

            indexOf[found] = definitions.Count;
            definitions.Add(definition.ToRegistrationDefinition(id));
        }

        if (first is null)
        {
            return null;
        }

        return new OnboardingTemplateContent
        {
            Kind = kind,
            Definition = first,
            Target = Target(),
            RegistrationDefinitions = definitions.ToImmutable(),
            RegistrationAssignments = Assignments(indexOf),
            SubscriptionId = _options.SubscriptionId,
            ApiVersion = _definitions[0].ApiVersion,
        };
    }

    /// <summary>
    /// Links every registration assignment to the definition whose resource ID its evaluated
    /// <c>registrationDefinitionId</c> equals (case-insensitively), as Azure resolves it: the only way a definition
    /// grants anything. Reports definitions no assignment references, assignments of definitions the template does not
    /// create, and resources created twice.
    /// </summary>
    private ImmutableArray<OnboardingAssignment> Assignments(Dictionary<FoundDefinition, int> indexOf)
    {
        var prefix = "/subscriptions/" + (_options.SubscriptionId ?? default) + "/providers/" + DefinitionType + "/";
        var byId = new Dictionary<string, FoundDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var found in _definitions)
        {
            if (found.Name is null || !indexOf.ContainsKey(found))
            {
                continue;
            }

            if (!byId.TryAdd(prefix + found.Name, found) && _reportedPaths.Add("dup-def:" + found.Resource.Path))
            {
                Add(Diagnostic.Error(DiagnosticCodes.TemplateResourceDuplicated,
                    $"The registration definition '{MessageText.Clip(found.Name)}' is created more than once (ARM refuses a resource defined multiple times).",
                    found.Resource.Path), found.Resource);
            }
        }

        var assigned = new HashSet<FoundDefinition>(ReferenceEqualityComparer.Instance);
        var placed = new HashSet<(string Group, Guid Id)>();
        var result = ImmutableArray.CreateBuilder<OnboardingAssignment>(_assignments.Count);
        foreach (var assignment in _assignments)
        {
            var id = Guid.Empty;
            if (assignment.Name is not null && !GuidText.TryParse(assignment.Name, out id) && _reportedPaths.Add("aname:" + assignment.Resource.Path))
            {
                var nameNode = assignment.Resource.Get("name")!;
                Add(Diagnostic.Error(DiagnosticCodes.TemplateValueNotGuid,
                    $"The registration assignment name '{MessageText.Clip(assignment.Name)}' is not a GUID.", nameNode.Path), nameNode);
            }

            if (assignment.Name is not null && !placed.Add((assignment.ResourceGroup?.ToUpperInvariant() ?? "", id)) &&
                _reportedPaths.Add("dup-assign:" + assignment.Resource.Path))
            {
                Add(Diagnostic.Error(DiagnosticCodes.TemplateResourceDuplicated,
                    $"The registration assignment '{MessageText.Clip(assignment.Name)}' is created more than once at the same scope; which one Azure keeps is not defined.",
                    assignment.Resource.Path), assignment.Resource);
            }

            int? index = null;
            if (assignment.DefinitionId is { } definitionId && byId.TryGetValue(definitionId, out var definition))
            {
                index = indexOf[definition];
                assigned.Add(definition);
            }
            else if (_reportedPaths.Add("assign:" + assignment.Resource.Path))
            {
                var inner = assignment.InnerScope && assignment.ResourceGroup is not null &&
                            assignment.DefinitionId?.Contains("/resourceGroups/", StringComparison.OrdinalIgnoreCase) == true;
                Add(Diagnostic.Warning(DiagnosticCodes.TemplateAssignmentDefinitionNotFound,
                    $"The registration assignment references '{MessageText.Clip(assignment.DefinitionId ?? "(nothing)")}', which is not a registration definition this template creates at {prefix.TrimEnd('/')}; offline it grants nothing.",
                    assignment.Resource.Path) with
                {
                    Help = inner
                        ? "In a nested deployment with expressionEvaluationOptions.scope 'inner', resourceId() resolves in the resource group; use subscriptionResourceId() for the definition."
                        : "Reference a definition of this template with resourceId('Microsoft.ManagedServices/registrationDefinitions', name).",
                }, assignment.Resource);
            }

            result.Add(new OnboardingAssignment(id, assignment.DefinitionId, assignment.ResourceGroup, index));
        }

        foreach (var found in _definitions)
        {
            if (indexOf.ContainsKey(found) && !assigned.Contains(found) && _reportedPaths.Add("unassigned:" + found.Resource.Path))
            {
                Add(Diagnostic.Warning(DiagnosticCodes.TemplateDefinitionNotAssigned,
                    $"No registration assignment references the registration definition '{MessageText.Clip(found.Name ?? "")}' (or every one that does has a false condition), so it grants nothing.",
                    found.Resource.Path), found.Resource);
            }
        }

        return result.ToImmutable();
    }

    private void CheckApiVersion(FoundDefinition found, DelegationManifest manifest)
    {
        var version = found.ApiVersion;
        var node = found.Resource.Get("apiVersion") ?? found.Resource;
        if (!_reportedPaths.Add("api:" + found.Resource.Path))
        {
            return;
        }

        if (!ManagedServicesApiVersions.IsKnown(version))
        {
            Add(Diagnostic.Warning(DiagnosticCodes.ApiVersionUnknown,
                $"The api-version '{MessageText.Clip(version)}' is not a known version of Microsoft.ManagedServices.", node.Path), node);
            return;
        }

        if (!manifest.EligibleAuthorizations.IsEmpty && !ManagedServicesApiVersions.SupportsEligibleAuthorizations(version))
        {
            Add(Diagnostic.Error(DiagnosticCodes.ApiVersionTooOld,
                $"Eligible authorizations need api-version {ManagedServicesApiVersions.EligibleAuthorizations} or later; the service refuses them under '{version}'.",
                node.Path), node);
        }
        else if (manifest.EligibleAuthorizations.Any(static e => e.JustInTimeAccessPolicy.RequiresApproval) &&
                 !ManagedServicesApiVersions.SupportsApprovers(version))
        {
            Add(Diagnostic.Warning(DiagnosticCodes.ApiVersionFeatureMismatch,
                $"Approvers (managedByTenantApprovers) are not in the schema of api-version '{version}' (they need {ManagedServicesApiVersions.Approvers}); Microsoft's samples deploy them this way, but prefer {ManagedServicesApiVersions.Default}.",
                node.Path), node);
        }
    }

    private OnboardingTarget Target()
    {
        var subscriptionLevel = _assignments.Where(static a => a.ResourceGroup is null).ToList();
        var groupLevel = _assignments.Where(static a => a.ResourceGroup is not null).ToList();
        if (groupLevel.Count == 0)
        {
            return OnboardingTarget.ForSubscription();
        }

        if (subscriptionLevel.Count > 0)
        {
            var at = subscriptionLevel[0].Resource;
            Add(Diagnostic.Warning(DiagnosticCodes.TemplateInconsistent,
                "The template assigns at subscription scope and in resource groups; the subscription is reported as the target.", at.Path), at);
            return OnboardingTarget.ForSubscription();
        }

        var groups = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var assignment in groupLevel)
        {
            if (seen.Add(assignment.ResourceGroup!))
            {
                groups.Add(assignment.ResourceGroup!);
            }
        }

        if (groups.Count == 1 && !groupLevel.Any(static a => a.FromCopy))
        {
            return OnboardingTarget.ForResourceGroup(groups[0]);
        }

        var referenced = new HashSet<string>(groupLevel.Select(static a => a.DefinitionId ?? ""), StringComparer.OrdinalIgnoreCase);
        return OnboardingTarget.ForResourceGroups(groups, definitionPerResourceGroup: referenced.Count > 1 || _definitions.Any(static d => d.FromCopy));
    }

    private static JNode? FindPolicy(JNode resources)
    {
        foreach (var resource in resources.Items!)
        {
            if (resource.Get("type") is { IsString: true } type && type.Text!.Equals(PolicyDefinitionType, StringComparison.OrdinalIgnoreCase) &&
                resource.Get("properties")?.Get("policyRule")?.Get("then")?.Get("details") is { Kind: JKind.Object } details &&
                details.Get("type") is { IsString: true } target && target.Text!.Equals(DefinitionType, StringComparison.OrdinalIgnoreCase) &&
                details.Get("deployment") is { Kind: JKind.Object })
            {
                return resource;
            }
        }

        return null;
    }

    /// <summary>
    /// Reads a <c>deployIfNotExists</c> policy that deploys a delegation: template parameters feed the policy parameters'
    /// defaults, which feed the embedded deployment's parameters (escaped <c>[[…]</c> expressions), which feed the
    /// embedded subscription template. Each level is evaluated in its own scope.
    /// </summary>
    private OnboardingTemplateContent? ReadPolicy(JNode policy)
    {
        Add(Diagnostic.Warning(DiagnosticCodes.TemplateIsManagementGroupPolicy,
            "This is an Azure Policy management-group template: a deployIfNotExists policy deploys the delegation into each subscription of the management group (after remediation). The delegation below is read from the policy's embedded deployment.",
            policy.Path) with { Help = "Management groups themselves cannot be delegated; every subscription receives the same authorizations." }, policy);

        var properties = policy.Get("properties")!;
        var details = properties.Get("policyRule")!.Get("then")!.Get("details")!;
        var deploymentProperties = details.Get("deployment")!.Get("properties");
        if (deploymentProperties is null || !_reader.Expect(deploymentProperties, JKind.Object, "policy deployment properties") ||
            deploymentProperties.Get("template") is not { } template || !_reader.Expect(template, JKind.Object, "policy deployment template") ||
            template.Get("resources") is not { } innerResources || !_reader.Expect(innerResources, JKind.Array, "policy deployment resources"))
        {
            return null;
        }

        // Policy level: policy parameter defaults are evaluated in the template's scope.
        var templateLevel = _evaluator;
        var policyLevel = new ArmExpressionEvaluator(_diagnostics, _options.SubscriptionId, _budget);
        if (properties.Get("parameters") is { Kind: JKind.Object } policyParameters)
        {
            foreach (var p in policyParameters.Properties!)
            {
                if (p.Value.Kind == JKind.Object && p.Value.Get("defaultValue") is { } defaultValue && templateLevel.Evaluate(defaultValue) is { } value)
                {
                    policyLevel.DeclareParameter(p.Key, p.Value, value);
                }
            }
        }

        // Deployment level: its parameter values are escaped expressions over the policy parameters.
        var supplied = new Dictionary<string, JNode>(StringComparer.OrdinalIgnoreCase);
        if (deploymentProperties.Get("parameters") is { Kind: JKind.Object } deploymentParameters)
        {
            foreach (var p in deploymentParameters.Properties!)
            {
                if (p.Value.Kind == JKind.Object && p.Value.Get("value") is { } raw &&
                    templateLevel.Evaluate(raw) is { } unescaped && policyLevel.Evaluate(unescaped) is { } value)
                {
                    supplied[p.Key] = value;
                }
            }
        }

        // Embedded template level: unescape once in the template's scope, then evaluate in the embedded template's scope.
        var unescapedTemplate = templateLevel.Evaluate(template);
        if (unescapedTemplate is null)
        {
            return null;
        }

        _evaluator = new ArmExpressionEvaluator(_diagnostics, _options.SubscriptionId, _budget);
        if (!Declare(_evaluator, unescapedTemplate, supplied))
        {
            return null;
        }

        _evaluator.ResolveAllParameters();
        var resources = unescapedTemplate.Get("resources")!;
        Walk(resources, resourceGroup: null, depth: 0);
        return _budget.Exceeded ? null : Assemble(OnboardingTemplateKind.ManagementGroupPolicy, resources);
    }

    private void Add(Diagnostic diagnostic, JNode at) => _diagnostics.Add(ArmExpressionEvaluator.At(diagnostic, at));

    private sealed record FoundDefinition(JNode Resource, string? Name, string ApiVersion, JNode? Properties, JNode? Plan, bool FromCopy);

    private sealed record FoundAssignment(JNode Resource, string? Name, string? DefinitionId, string? ResourceGroup, bool FromCopy, bool InnerScope);
}
