using ManagedServices.Json;

namespace ManagedServices.Arm;

/// <summary>
/// A small, safe evaluator for the ARM template expression subset that onboarding templates use. It never guesses:
/// anything outside the subset, malformed or over a limit becomes a diagnostic with the JSON path of the expression.
/// </summary>
/// <remarks>
/// Supported: <c>parameters</c>, <c>variables</c>, <c>concat</c>, <c>guid</c>, <c>json</c>, <c>if</c> (only the chosen
/// branch is evaluated), <c>equals</c>, <c>not</c>, <c>copyIndex</c>, <c>resourceId</c>, <c>subscription</c>,
/// <c>subscriptionResourceId</c>, <c>length</c>, <c>true</c>, <c>false</c>, <c>null</c>, string and integer literals, property access and index access.
/// Limits: expressions of at most <see cref="MaxExpressionLength"/> characters and <see cref="MaxNesting"/> levels of
/// nesting; strings of at most <see cref="MaxStringLength"/> characters; and one <see cref="WorkBudget"/> of
/// <see cref="MaxWork"/> units per read, shared by every evaluator of that read (outer template, inner-scope nested
/// templates, policy levels). The budget counts what is built, not only evaluation steps: every evaluation step, and
/// the <see cref="JNode.Weight"/> (one unit per value, array element and object member, one per
/// <see cref="JNode.CharactersPerUnit"/> characters) of every value an expression builds (<c>concat</c>,
/// <c>json</c>, <c>resourceId</c>, <c>guid</c>) and of every value handed out to the reader (each copy-loop iteration is
/// handed its own value, so copies are charged each time). Values are shared, never copied, so a value that doubles in
/// every variable costs its full expanded size at each step: the refusal comes before the expanded value would be
/// materialized by the reader. Comparisons (<c>equals</c>, <c>allowedValues</c>) and property lookups are charged by
/// the size they scan.
/// </remarks>
internal sealed class ArmExpressionEvaluator
{
    /// <summary>ARM's own limit on the length of one expression.</summary>
    public const int MaxExpressionLength = 24_576;

    /// <summary>Deepest nesting of calls and index accesses in one expression.</summary>
    public const int MaxNesting = 32;

    /// <summary>
    /// The work units allowed for one read, shared by every evaluator of the read: every evaluation step, and the
    /// <see cref="JNode.Weight"/> of every value built or handed out, counts (see the class remarks).
    /// </summary>
    public const long MaxWork = 2_000_000;

    /// <summary>Deepest chain of variables and parameter defaults that refer to each other.</summary>
    public const int MaxReferenceDepth = 64;

    /// <summary>Longest string an expression may compute (1 MiB characters).</summary>
    public const int MaxStringLength = 1024 * 1024;

    private readonly Dictionary<string, ParameterSlot> _parameters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, JNode> _variableDefinitions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, JNode?> _variableValues = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _variablesInProgress = new(StringComparer.OrdinalIgnoreCase);
    private readonly ImmutableArray<Diagnostic>.Builder _diagnostics;
    private readonly string _subscriptionId;
    private readonly bool _subscriptionKnown;
    private readonly WorkBudget _budget;
    private bool _subscriptionReported;
    private int _referenceDepth;

    /// <summary>Creates an evaluator.</summary>
    /// <param name="diagnostics">Where findings go.</param>
    /// <param name="subscriptionId">The target subscription, when known.</param>
    /// <param name="budget">The work budget of the whole read; every evaluator of one read must share one.</param>
    public ArmExpressionEvaluator(ImmutableArray<Diagnostic>.Builder diagnostics, SubscriptionId? subscriptionId, WorkBudget budget)
    {
        _diagnostics = diagnostics;
        _budget = budget;
        _subscriptionKnown = subscriptionId is not null;
        _subscriptionId = (subscriptionId ?? default).ToString();
    }

    /// <summary>The current copy loop (name and index), or null outside loops.</summary>
    public (string Name, int Index)? Copy { get; set; }

    /// <summary>
    /// The property loops (ARM property iteration) being expanded, innermost last: <c>copyIndex('name')</c> finds its
    /// loop here first, then in <see cref="Copy"/>.
    /// </summary>
    public List<(string Name, int Index)> PropertyLoops { get; } = [];

    /// <summary>
    /// The resource group of the deployment this evaluator evaluates for (an inner-scope nested deployment), or null for
    /// the subscription deployment: <c>resourceId()</c> without a subscription or resource group resolves in it, as ARM does.
    /// </summary>
    public string? ResourceGroup { get; init; }

    public bool BudgetExceeded => _budget.Exceeded;

    public void DeclareParameter(string name, JNode declaration, JNode? supplied) =>
        _parameters[name] = new ParameterSlot(name, declaration, supplied);

    public bool IsParameterDeclared(string name) => _parameters.ContainsKey(name);

    public void DeclareVariable(string name, JNode value) => _variableDefinitions[name] = value;

    /// <summary>Resolves every declared parameter (reporting missing, mistyped and disallowed values).</summary>
    public void ResolveAllParameters()
    {
        foreach (var slot in _parameters.Values.ToList())
        {
            try
            {
                Resolve(slot);
            }
            catch (EvaluationFailure failure)
            {
                if (failure.Diagnostic is { } diagnostic)
                {
                    _diagnostics.Add(diagnostic);
                }
            }
        }
    }

    public JNode? Parameter(string name) => _parameters.TryGetValue(name, out var slot) ? Resolve(slot) : null;

    /// <summary>Evaluates a template value deeply: every expression string inside it is evaluated. Null on failure (reported).</summary>
    public JNode? Evaluate(JNode node)
    {
        try
        {
            var value = Deep(node);
            // The reader materializes what it is handed (each copy-loop iteration anew): charge its expanded size.
            Spend(value.Weight, node);
            return value;
        }
        catch (EvaluationFailure failure)
        {
            if (failure.Diagnostic is { } diagnostic)
            {
                _diagnostics.Add(diagnostic);
            }

            return null;
        }
    }

    private JNode Deep(JNode node)
    {
        Spend(1, node);
        switch (node.Kind)
        {
            case JKind.String:
                return EvaluateString(node);
            case JKind.Array:
            {
                var items = new List<JNode>(node.Items!.Count);
                foreach (var item in node.Items)
                {
                    items.Add(Deep(item));
                }

                return JNode.Array(items, node.Path, node.Line);
            }

            case JKind.Object:
            {
                var properties = new List<KeyValuePair<string, JNode>>(node.Properties!.Count);
                foreach (var p in node.Properties)
                {
                    properties.Add(new(p.Key, Deep(p.Value)));
                }

                return JNode.Object(properties, node.Path, node.Line);
            }

            default:
                return node;
        }
    }

    private JNode EvaluateString(JNode node)
    {
        var text = node.Text!;
        if (text.Length < 2 || text[0] != '[' || text[^1] != ']')
        {
            return node;
        }

        if (text[1] == '[')
        {
            return JNode.String(text[1..], node.Path, node.Line);
        }

        if (text.Length > MaxExpressionLength)
        {
            throw Fail(DiagnosticCodes.TemplateLimitExceeded,
                $"The expression is longer than {MaxExpressionLength.ToString(CultureInfo.InvariantCulture)} characters.", node);
        }

        var parser = new Parser(text, 1, text.Length - 1, node, this);
        var expression = parser.ParseWhole();
        return Eval(expression, node);
    }

    private JNode Resolve(ParameterSlot slot)
    {
        if (slot.Resolved)
        {
            return slot.Value ?? throw new EvaluationFailure((Diagnostic?)null);
        }

        if (slot.InProgress)
        {
            throw Fail(DiagnosticCodes.TemplateExpressionUnsupported, $"The default value of parameter '{slot.Name}' refers to itself.", slot.Declaration);
        }

        if (_referenceDepth >= MaxReferenceDepth)
        {
            throw Fail(DiagnosticCodes.TemplateLimitExceeded,
                $"Variables and parameter defaults refer to each other more than {MaxReferenceDepth.ToString(CultureInfo.InvariantCulture)} levels deep.", slot.Declaration);
        }

        slot.InProgress = true;
        _referenceDepth++;
        try
        {
            var declaration = slot.Declaration;
            JNode? value = slot.Supplied;
            if (value is null)
            {
                if (declaration.Get("defaultValue") is { } defaultValue)
                {
                    value = Deep(defaultValue);
                }
                else
                {
                    _diagnostics.Add(At(Diagnostic.Error(DiagnosticCodes.TemplateParameterMissing,
                        $"The parameter '{slot.Name}' has no value: the parameters file does not give one and the template has no defaultValue.",
                        declaration.Path), declaration));
                    return Done(null);
                }
            }

            var type = declaration.Get("type") is { IsString: true } t ? t.Text! : "";
            var expected = type.ToUpperInvariant() switch
            {
                "STRING" or "SECURESTRING" => JKind.String,
                "INT" => JKind.Number,
                "BOOL" => JKind.True,
                "ARRAY" => JKind.Array,
                "OBJECT" or "SECUREOBJECT" => JKind.Object,
                _ => (JKind?)null,
            };
            if (expected is null)
            {
                _diagnostics.Add(At(Diagnostic.Error(DiagnosticCodes.TemplateParameterInvalid,
                    $"The parameter '{slot.Name}' declares the type '{MessageText.Clip(type)}', which is not an ARM parameter type.",
                    JNode.Child(declaration.Path, "type")), declaration));
                return Done(null);
            }

            var actual = value.Kind == JKind.False ? JKind.True : value.Kind;
            if (actual != expected || (expected == JKind.Number && !value.TryGetInteger(out _)))
            {
                _diagnostics.Add(At(Diagnostic.Error(DiagnosticCodes.TemplateParameterInvalid,
                    $"The parameter '{slot.Name}' is declared as {type} but its value is {JNode.TypeName(value.Kind)}.", value.Path), value));
                return Done(null);
            }

            if (declaration.Get("allowedValues") is { Kind: JKind.Array } allowed)
            {
                var ok = expected == JKind.Array
                    ? value.Items!.All(v => allowed.Items!.Any(a => Same(a, v, allowed)))
                    : allowed.Items!.Any(a => Same(a, value, allowed));
                if (!ok)
                {
                    _diagnostics.Add(At(Diagnostic.Error(DiagnosticCodes.TemplateParameterInvalid,
                        $"The value of parameter '{slot.Name}' is not one of its allowedValues.", value.Path), value));
                    return Done(null);
                }
            }

            return Done(value);
        }
        finally
        {
            slot.InProgress = false;
            _referenceDepth--;
        }

        JNode Done(JNode? value)
        {
            slot.Resolved = true;
            slot.Value = value;
            return value ?? throw new EvaluationFailure((Diagnostic?)null);
        }
    }

    private JNode Variable(string name, JNode at)
    {
        if (_variableValues.TryGetValue(name, out var cached))
        {
            return cached ?? throw new EvaluationFailure((Diagnostic?)null);
        }

        if (!_variableDefinitions.TryGetValue(name, out var definition))
        {
            throw Fail(DiagnosticCodes.TemplateExpressionUnsupported, $"The variable '{MessageText.Clip(name)}' is not declared.", at);
        }

        if (!_variablesInProgress.Add(name))
        {
            throw Fail(DiagnosticCodes.TemplateExpressionUnsupported, $"The variable '{MessageText.Clip(name)}' refers to itself.", definition);
        }

        if (++_referenceDepth > MaxReferenceDepth)
        {
            _referenceDepth--;
            _variablesInProgress.Remove(name);
            throw Fail(DiagnosticCodes.TemplateLimitExceeded,
                $"Variables and parameter defaults refer to each other more than {MaxReferenceDepth.ToString(CultureInfo.InvariantCulture)} levels deep.", at);
        }

        try
        {
            var value = Deep(definition);
            _variableValues[name] = value;
            return value;
        }
        catch (EvaluationFailure)
        {
            _variableValues[name] = null;
            throw;
        }
        finally
        {
            _referenceDepth--;
            _variablesInProgress.Remove(name);
        }
    }

    /// <summary>Charges work to the read's budget; over it, reports once (at <paramref name="at"/>) and stops evaluation.</summary>
    private void Spend(long units, JNode at)
    {
        if (_budget.Spend(units))
        {
            return;
        }

        if (_budget.Report())
        {
            _diagnostics.Add(At(Diagnostic.Error(DiagnosticCodes.TemplateLimitExceeded,
                $"Evaluating the template needs more than {MaxWork.ToString(CultureInfo.InvariantCulture)} work units: the values it builds (array elements, characters, object members, copies) grow too large.",
                at.Path) with { Help = "ARM itself refuses templates whose expanded form is larger than 4 MB." }, at));
        }

        throw new EvaluationFailure((Diagnostic?)null);
    }

    /// <summary><see cref="JNode.DeepEquals"/>, charged by the smaller value (what a comparison can scan).</summary>
    private bool Same(JNode a, JNode b, JNode at)
    {
        Spend(Math.Min(a.Weight, b.Weight), at);
        return JNode.DeepEquals(a, b);
    }

    private JNode Eval(Expr e, JNode at)
    {
        Spend(1, at);
        switch (e)
        {
            case LiteralExpr literal:
                return literal.Value;
            case MemberExpr member:
            {
                var target = Eval(member.Target, at);
                if (target.Kind != JKind.Object)
                {
                    throw Fail(DiagnosticCodes.TemplateExpressionUnsupported,
                        $"Cannot read property '{MessageText.Clip(member.Name)}' of a {JNode.TypeName(target.Kind)} value.", at);
                }

                Spend(target.Properties!.Count, at);
                return target.Get(member.Name) ?? throw Fail(DiagnosticCodes.TemplateExpressionUnsupported,
                    $"The property '{MessageText.Clip(member.Name)}' does not exist on the object.", at);
            }

            case IndexExpr index:
            {
                var target = Eval(index.Target, at);
                var key = Eval(index.Index, at);
                if (target.Kind == JKind.Array && key.TryGetInteger(out var i))
                {
                    return i >= 0 && i < target.Items!.Count
                        ? target.Items[(int)i]
                        : throw Fail(DiagnosticCodes.TemplateExpressionUnsupported,
                            $"The index {i.ToString(CultureInfo.InvariantCulture)} is outside the array of {target.Items!.Count.ToString(CultureInfo.InvariantCulture)} elements.", at);
                }

                if (target.Kind == JKind.Object && key.IsString)
                {
                    Spend(target.Properties!.Count, at);
                    return target.Get(key.Text!) ?? throw Fail(DiagnosticCodes.TemplateExpressionUnsupported,
                        $"The property '{MessageText.Clip(key.Text!)}' does not exist on the object.", at);
                }

                throw Fail(DiagnosticCodes.TemplateExpressionUnsupported,
                    $"Cannot index a {JNode.TypeName(target.Kind)} value with a {JNode.TypeName(key.Kind)}.", at);
            }

            case CallExpr call:
                return Call(call, at);
            default:
                throw Fail(DiagnosticCodes.TemplateExpressionUnsupported, "Unknown expression.", at);
        }
    }

    private JNode Call(CallExpr call, JNode at)
    {
        var name = call.Name.ToUpperInvariant();
        var args = call.Args;
        switch (name)
        {
            case "PARAMETERS":
            {
                var key = StringArg(call, 0, 1, at);
                if (!_parameters.TryGetValue(key, out var slot))
                {
                    throw Fail(DiagnosticCodes.TemplateExpressionUnsupported, $"The parameter '{MessageText.Clip(key)}' is not declared.", at);
                }

                return Resolve(slot);
            }

            case "VARIABLES":
                return Variable(StringArg(call, 0, 1, at), at);
            case "CONCAT":
                return Concat(call, at);
            case "GUID":
            {
                if (args.Length == 0)
                {
                    throw Fail(DiagnosticCodes.TemplateExpressionUnsupported, "guid() needs at least one argument.", at);
                }

                var parts = new string[args.Length];
                for (var i = 0; i < args.Length; i++)
                {
                    parts[i] = StringArg(call, i, args.Length, at);
                    Spend(JNode.StringWeight(parts[i].Length), at);
                }

                return JNode.String(ArmGuid.Create(parts).ToString("D"), at.Path, at.Line);
            }

            case "JSON":
            {
                var text = StringArg(call, 0, 1, at);
                Spend(JNode.StringWeight(text.Length), at);
                var local = ImmutableArray.CreateBuilder<Diagnostic>();
                var parsed = JsonTree.Parse(text, at.Path, local);
                if (parsed is null)
                {
                    throw Fail(DiagnosticCodes.TemplateExpressionUnsupported,
                        "json() was given text that is not valid JSON" + (local.Count > 0 ? ": " + local[0].Message : "."), at);
                }

                Spend(parsed.Weight, at);
                return parsed;
            }

            case "IF":
            {
                Arity(call, 3, at);
                var condition = Eval(args[0], at);
                if (!condition.IsBool)
                {
                    throw Fail(DiagnosticCodes.TemplateExpressionUnsupported, $"if() needs a bool condition, not {JNode.TypeName(condition.Kind)}.", at);
                }

                return Eval(condition.Kind == JKind.True ? args[1] : args[2], at);
            }

            case "EQUALS":
            {
                Arity(call, 2, at);
                return JNode.Bool(Same(Eval(args[0], at), Eval(args[1], at), at), at.Path, at.Line);
            }

            case "NOT":
            {
                Arity(call, 1, at);
                var value = Eval(args[0], at);
                return value.IsBool
                    ? JNode.Bool(value.Kind == JKind.False, at.Path, at.Line)
                    : throw Fail(DiagnosticCodes.TemplateExpressionUnsupported, $"not() needs a bool, not {JNode.TypeName(value.Kind)}.", at);
            }

            case "TRUE" or "FALSE":
                Arity(call, 0, at);
                return JNode.Bool(name == "TRUE", at.Path, at.Line);
            case "NULL":
                Arity(call, 0, at);
                return JNode.NullAt(at.Path, at.Line);
            case "COPYINDEX":
                return CopyIndex(call, at);
            case "LENGTH":
            {
                Arity(call, 1, at);
                var value = Eval(args[0], at);
                long length = value.Kind switch
                {
                    JKind.Array => value.Items!.Count,
                    JKind.Object => value.Properties!.Count,
                    JKind.String => value.Text!.Length,
                    _ => throw Fail(DiagnosticCodes.TemplateExpressionUnsupported, $"length() needs an array, object or string, not {JNode.TypeName(value.Kind)}.", at),
                };
                return JNode.Integer(length, at.Path, at.Line);
            }

            case "SUBSCRIPTION":
            {
                Arity(call, 0, at);
                ReportSubscription(at);
                return JNode.Object(
                [
                    new("id", JNode.String("/subscriptions/" + _subscriptionId, at.Path, at.Line)),
                    new("subscriptionId", JNode.String(_subscriptionId, at.Path, at.Line)),
                ], at.Path, at.Line);
            }

            case "RESOURCEID":
                return ResourceId(call, at, subscriptionLevel: false);
            case "SUBSCRIPTIONRESOURCEID":
                return ResourceId(call, at, subscriptionLevel: true);
            default:
                throw Fail(DiagnosticCodes.TemplateExpressionUnsupported,
                    $"The function '{MessageText.Clip(call.Name)}' is outside the supported expression subset.", at);
        }
    }

    private void ReportSubscription(JNode at)
    {
        if (!_subscriptionKnown && !_subscriptionReported)
        {
            _subscriptionReported = true;
            _diagnostics.Add(At(Diagnostic.Warning(DiagnosticCodes.TemplateSubscriptionUnknown,
                "The template uses the target subscription, which is not known when reading offline; the empty GUID stands in for it.",
                at.Path) with { Help = "Pass OnboardingReadOptions.SubscriptionId to get exact values.", Severity = DiagnosticSeverity.Info }, at));
        }
    }

    private JNode Concat(CallExpr call, JNode at)
    {
        if (call.Args.Length == 0)
        {
            throw Fail(DiagnosticCodes.TemplateExpressionUnsupported, "concat() needs at least one argument.", at);
        }

        var values = call.Args.Select(a => Eval(a, at)).ToList();
        if (values.All(static v => v.Kind == JKind.Array))
        {
            // Charged before it is built: the expanded size of the result (its elements are shared, not copied, but
            // whoever reads the value sees every one of them).
            long count = 0;
            foreach (var v in values)
            {
                count += v.Items!.Count;
                Spend(v.Weight, at);
            }

            var items = new List<JNode>((int)Math.Min(count, int.MaxValue));
            foreach (var v in values)
            {
                items.AddRange(v.Items!);
            }

            return JNode.Array(items, at.Path, at.Line);
        }

        var sb = new StringBuilder();
        foreach (var v in values)
        {
            var piece = v.Kind switch
            {
                JKind.String or JKind.Number => v.Text!,
                JKind.True => "True",
                JKind.False => "False",
                _ => throw Fail(DiagnosticCodes.TemplateExpressionUnsupported, $"concat() cannot join a {JNode.TypeName(v.Kind)} with strings.", at),
            };

            if ((long)sb.Length + piece.Length > MaxStringLength)
            {
                throw Fail(DiagnosticCodes.TemplateLimitExceeded,
                    $"concat() would build a string longer than {MaxStringLength.ToString(CultureInfo.InvariantCulture)} characters.", at);
            }

            Spend(JNode.StringWeight(piece.Length), at);
            sb.Append(piece);
        }

        return JNode.String(sb.ToString(), at.Path, at.Line);
    }

    private JNode CopyIndex(CallExpr call, JNode at)
    {
        if (call.Args.Length > 2)
        {
            throw Fail(DiagnosticCodes.TemplateExpressionUnsupported, "copyIndex() takes at most two arguments.", at);
        }

        string? loop = null;
        long offset = 0;
        foreach (var arg in call.Args)
        {
            var value = Eval(arg, at);
            if (value.IsString && loop is null && offset == 0)
            {
                loop = value.Text;
            }
            else if (value.TryGetInteger(out var n))
            {
                offset = n;
            }
            else
            {
                throw Fail(DiagnosticCodes.TemplateExpressionUnsupported, "copyIndex() takes a loop name and/or an integer offset.", at);
            }
        }

        if (loop is not null)
        {
            for (var i = PropertyLoops.Count - 1; i >= 0; i--)
            {
                if (string.Equals(PropertyLoops[i].Name, loop, StringComparison.OrdinalIgnoreCase))
                {
                    return JNode.Integer(PropertyLoops[i].Index + offset, at.Path, at.Line);
                }
            }
        }

        if (Copy is not { } copy)
        {
            throw Fail(DiagnosticCodes.TemplateExpressionUnsupported, "copyIndex() is used outside a copy loop.", at);
        }

        if (loop is not null && !string.Equals(loop, copy.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw Fail(DiagnosticCodes.TemplateExpressionUnsupported, $"copyIndex('{MessageText.Clip(loop)}') names a loop other than the current one ('{copy.Name}').", at);
        }

        return JNode.Integer(copy.Index + offset, at.Path, at.Line);
    }

    private JNode ResourceId(CallExpr call, JNode at, bool subscriptionLevel)
    {
        var args = new string[call.Args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = StringArg(call, i, args.Length, at);
        }

        var typeAt = Array.FindIndex(args, static a => a.Contains('/', StringComparison.Ordinal));
        if (typeAt < 0 || typeAt > (subscriptionLevel ? 1 : 2))
        {
            throw Fail(DiagnosticCodes.TemplateExpressionUnsupported, "resourceId() needs a resource type of the form 'Namespace/type'.", at);
        }

        var type = args[typeAt].Trim('/');
        var typeSegments = type.Split('/');
        var names = args[(typeAt + 1)..];
        if (typeSegments.Length - 1 != names.Length || typeSegments.Any(static s => s.Length == 0))
        {
            throw Fail(DiagnosticCodes.TemplateExpressionUnsupported,
                $"resourceId() got {names.Length.ToString(CultureInfo.InvariantCulture)} name(s) for the type '{MessageText.Clip(type)}', which needs {(typeSegments.Length - 1).ToString(CultureInfo.InvariantCulture)}.", at);
        }

        string subscription;
        string? resourceGroup = null;
        switch (typeAt)
        {
            case 0:
                ReportSubscription(at);
                subscription = _subscriptionId;
                resourceGroup = subscriptionLevel ? null : ResourceGroup;
                break;
            case 1 when subscriptionLevel || GuidText.TryParse(args[0], out _):
                subscription = args[0];
                break;
            case 1:
                ReportSubscription(at);
                subscription = _subscriptionId;
                resourceGroup = args[0];
                break;
            default:
                subscription = args[0];
                resourceGroup = args[1];
                break;
        }

        Spend(JNode.StringWeight(args.Sum(static a => (long)a.Length)), at);
        var sb = new StringBuilder("/subscriptions/").Append(subscription);
        if (resourceGroup is not null)
        {
            sb.Append("/resourceGroups/").Append(resourceGroup);
        }

        sb.Append("/providers/").Append(typeSegments[0]);
        for (var i = 1; i < typeSegments.Length; i++)
        {
            sb.Append('/').Append(typeSegments[i]).Append('/').Append(names[i - 1]);
        }

        return JNode.String(sb.ToString(), at.Path, at.Line);
    }

    private string StringArg(CallExpr call, int index, int arity, JNode at)
    {
        Arity(call, arity, at);
        var value = Eval(call.Args[index], at);
        return value.IsString
            ? value.Text!
            : throw Fail(DiagnosticCodes.TemplateExpressionUnsupported,
                $"{call.Name}() needs a string as argument {(index + 1).ToString(CultureInfo.InvariantCulture)}, not {JNode.TypeName(value.Kind)}.", at);
    }

    private static void Arity(CallExpr call, int count, JNode at)
    {
        if (call.Args.Length != count)
        {
            throw Fail(DiagnosticCodes.TemplateExpressionUnsupported,
                $"{call.Name}() takes {count.ToString(CultureInfo.InvariantCulture)} argument(s), not {call.Args.Length.ToString(CultureInfo.InvariantCulture)}.", at);
        }
    }

    internal static Diagnostic At(Diagnostic diagnostic, JNode node) => diagnostic with { Path = node.Path, Line = node.Line, Column = node.Column };

    private static EvaluationFailure Fail(string code, string message, JNode at) =>
        new(At(Diagnostic.Error(code, message + " Expression: " + MessageText.Clip(at.Text ?? ""), at.Path), at));

    private sealed class ParameterSlot(string name, JNode declaration, JNode? supplied)
    {
        public string Name { get; } = name;

        public JNode Declaration { get; } = declaration;

        public JNode? Supplied { get; } = supplied;

        public bool Resolved { get; set; }

        public bool InProgress { get; set; }

        public JNode? Value { get; set; }
    }

    private abstract record Expr;

    private sealed record LiteralExpr(JNode Value) : Expr;

    private sealed record CallExpr(string Name, Expr[] Args) : Expr;

    private sealed record MemberExpr(Expr Target, string Name) : Expr;

    private sealed record IndexExpr(Expr Target, Expr Index) : Expr;

    /// <summary>Recursive-descent parser over <c>text[start..end)</c>, bounded by <see cref="MaxNesting"/>.</summary>
    private ref struct Parser(string text, int first, int end, JNode at, ArmExpressionEvaluator owner)
    {
        private readonly int _first = first;
        private int _pos = first;

        public Expr ParseWhole()
        {
            var e = Parse(0);
            SkipSpace();
            if (_pos != end)
            {
                throw Error("unexpected text after the expression");
            }

            return e;
        }

        private Expr Parse(int depth)
        {
            if (depth > MaxNesting)
            {
                throw Fail(DiagnosticCodes.TemplateLimitExceeded,
                    $"The expression is nested deeper than {MaxNesting.ToString(CultureInfo.InvariantCulture)} levels.", at);
            }

            owner.Spend(1, at);
            SkipSpace();
            if (_pos >= end)
            {
                throw Error("an expression is missing");
            }

            Expr e;
            var c = text[_pos];
            if (c == '\'')
            {
                e = new LiteralExpr(JNode.String(ReadString(), at.Path, at.Line));
            }
            else if (char.IsAsciiDigit(c) || (c == '-' && _pos + 1 < end && char.IsAsciiDigit(text[_pos + 1])))
            {
                var begin = _pos++;
                while (_pos < end && char.IsAsciiDigit(text[_pos]))
                {
                    _pos++;
                }

                if (!long.TryParse(text.AsSpan(begin, _pos - begin), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                {
                    throw Error("an integer is out of range");
                }

                e = new LiteralExpr(JNode.Integer(n, at.Path, at.Line));
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var name = ReadIdentifier();
                SkipSpace();
                if (_pos >= end || text[_pos] != '(')
                {
                    throw Error($"'{name}' must be followed by '(' (only function calls are supported)");
                }

                _pos++;
                var args = new List<Expr>();
                SkipSpace();
                if (_pos < end && text[_pos] == ')')
                {
                    _pos++;
                }
                else
                {
                    while (true)
                    {
                        args.Add(Parse(depth + 1));
                        SkipSpace();
                        if (_pos < end && text[_pos] == ',')
                        {
                            _pos++;
                            continue;
                        }

                        if (_pos < end && text[_pos] == ')')
                        {
                            _pos++;
                            break;
                        }

                        throw Error("expected ',' or ')'");
                    }
                }

                e = new CallExpr(name, [.. args]);
            }
            else
            {
                throw Error($"unexpected character '{c}'");
            }

            while (true)
            {
                SkipSpace();
                if (_pos < end && text[_pos] == '.')
                {
                    _pos++;
                    SkipSpace();
                    if (_pos >= end || !(char.IsAsciiLetter(text[_pos]) || text[_pos] == '_'))
                    {
                        throw Error("a property name must follow '.'");
                    }

                    e = new MemberExpr(e, ReadIdentifier());
                }
                else if (_pos < end && text[_pos] == '[')
                {
                    _pos++;
                    var index = Parse(depth + 1);
                    SkipSpace();
                    if (_pos >= end || text[_pos] != ']')
                    {
                        throw Error("expected ']'");
                    }

                    _pos++;
                    e = new IndexExpr(e, index);
                }
                else
                {
                    return e;
                }
            }
        }

        private string ReadIdentifier()
        {
            var begin = _pos;
            while (_pos < end && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] is '_' or '$'))
            {
                _pos++;
            }

            return text[begin.._pos];
        }

        private string ReadString()
        {
            var sb = new StringBuilder();
            _pos++;
            while (true)
            {
                if (_pos >= end)
                {
                    throw Error("a string literal is not closed");
                }

                var c = text[_pos++];
                if (c == '\'')
                {
                    if (_pos < end && text[_pos] == '\'')
                    {
                        sb.Append('\'');
                        _pos++;
                        continue;
                    }

                    return sb.ToString();
                }

                sb.Append(c);
            }
        }

        private void SkipSpace()
        {
            while (_pos < end && char.IsWhiteSpace(text[_pos]))
            {
                _pos++;
            }
        }

        private readonly EvaluationFailure Error(string what) =>
            Fail(DiagnosticCodes.TemplateExpressionUnsupported,
                $"The expression cannot be parsed: {what} at position {(_pos - _first + 1).ToString(CultureInfo.InvariantCulture)}.", at);
    }
}

/// <summary>
/// The work budget of one template read (<see cref="ArmExpressionEvaluator.MaxWork"/> units), shared by every evaluator
/// of the read so that nested scopes cannot each start afresh. Not thread-safe: a read is single-threaded.
/// </summary>
internal sealed class WorkBudget(long limit = ArmExpressionEvaluator.MaxWork)
{
    private bool _reported;

    /// <summary>The units spent so far.</summary>
    public long Spent { get; private set; }

    /// <summary>True once more than the limit has been asked for.</summary>
    public bool Exceeded => Spent > limit;

    /// <summary>Spends <paramref name="units"/> (saturating); false when the budget is exceeded.</summary>
    public bool Spend(long units)
    {
        Spent = units >= long.MaxValue - Spent ? long.MaxValue : Spent + Math.Max(0, units);
        return !Exceeded;
    }

    /// <summary>True the first time it is called: the overrun is reported once per read.</summary>
    public bool Report()
    {
        var first = !_reported;
        _reported = true;
        return first;
    }
}

/// <summary>Internal control flow of the evaluator; never escapes it.</summary>
internal sealed class EvaluationFailure : Exception
{
    public EvaluationFailure()
    {
    }

    public EvaluationFailure(string message)
        : base(message)
    {
    }

    public EvaluationFailure(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EvaluationFailure(Diagnostic? diagnostic)
        : base(diagnostic?.Message ?? "Evaluation failed.")
    {
        Diagnostic = diagnostic;
    }

    public Diagnostic? Diagnostic { get; }
}
