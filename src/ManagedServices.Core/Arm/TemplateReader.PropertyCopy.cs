using ManagedServices.Json;

namespace ManagedServices.Arm;

/// <summary>ARM property iteration (a <c>copy</c> array inside a resource's <c>properties</c>), expanded exactly or refused.</summary>
internal sealed partial class TemplateReader
{
    /// <summary>
    /// Evaluates a registration resource's <c>properties</c> as ARM deploys them: every expression is evaluated, and a
    /// <c>copy</c> array in an object (at any depth of objects) creates, for each loop, the property named by the loop:
    /// an array of <c>count</c> evaluations of <c>input</c>, where <c>copyIndex('name')</c> is the iteration
    /// (docs: "Property iteration in ARM templates"). Forms whose outcome is not documented are refused with
    /// <see cref="DiagnosticCodes.TemplatePropertyCopyUnsupported"/>, never ignored: a <c>copy</c> inside an array or
    /// inside a loop's <c>input</c>, a loop that names a property the object already has or another loop's property,
    /// a <c>copy</c> that is not an array of loops. Null on failure (reported).
    /// </summary>
    private JNode? EvaluateProperties(JNode properties) => Expand(properties, copyAllowed: true);

    private JNode? Expand(JNode node, bool copyAllowed)
    {
        switch (node.Kind)
        {
            case JKind.Object:
                return ExpandObject(node, copyAllowed);
            case JKind.Array:
            {
                var items = new List<JNode>(node.Items!.Count);
                var failed = false;
                foreach (var item in node.Items)
                {
                    if (Expand(item, copyAllowed: false) is { } value)
                    {
                        items.Add(value);
                    }
                    else
                    {
                        failed = true;
                    }
                }

                return failed ? null : JNode.Array(items, node.Path, node.Line);
            }

            default:
                return _evaluator.Evaluate(node);
        }
    }

    private JNode? ExpandObject(JNode node, bool copyAllowed)
    {
        var result = new List<KeyValuePair<string, JNode>>(node.Properties!.Count);
        JNode? copy = null;
        var failed = false;
        foreach (var p in node.Properties)
        {
            if (p.Key.Equals("copy", StringComparison.OrdinalIgnoreCase))
            {
                copy = p.Value;
                continue;
            }

            if (Expand(p.Value, copyAllowed) is { } value)
            {
                result.Add(new(p.Key, value));
            }
            else
            {
                failed = true;
            }
        }

        if (copy is null)
        {
            return failed ? null : JNode.Object(result, node.Path, node.Line);
        }

        if (!copyAllowed)
        {
            Refuse("A property copy loop inside an array or inside another copy loop's input is outside the supported subset.", copy);
            return null;
        }

        if (copy.Kind != JKind.Array)
        {
            Refuse("A property copy must be an array of loops, each with 'name', 'count' and 'input'.", copy);
            return null;
        }

        foreach (var loop in copy.Items!)
        {
            if (ExpandLoop(loop, result) is not { } created)
            {
                failed = true;
                continue;
            }

            result.Add(created);
        }

        return failed ? null : JNode.Object(result, node.Path, node.Line);
    }

    private KeyValuePair<string, JNode>? ExpandLoop(JNode loop, List<KeyValuePair<string, JNode>> siblings)
    {
        if (loop.Kind != JKind.Object)
        {
            Refuse("A property copy loop must be an object with 'name', 'count' and 'input'.", loop);
            return null;
        }

        foreach (var member in loop.Properties!)
        {
            if (!member.Key.Equals("name", StringComparison.OrdinalIgnoreCase) && !member.Key.Equals("count", StringComparison.OrdinalIgnoreCase) &&
                !member.Key.Equals("input", StringComparison.OrdinalIgnoreCase))
            {
                Refuse($"A property copy loop has the member '{MessageText.Clip(member.Key)}'; only 'name', 'count' and 'input' are known.", member.Value);
                return null;
            }
        }

        if (loop.Get("name") is not { IsString: true } nameNode || nameNode.Text!.Length == 0 || nameNode.Text.StartsWith('['))
        {
            Refuse("A property copy loop needs a 'name': the literal name of the property it creates.", loop.Get("name") ?? loop);
            return null;
        }

        var name = nameNode.Text;
        if (siblings.Any(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)))
        {
            Refuse($"The property copy loop '{MessageText.Clip(name)}' creates a property the object already has (or another loop creates).", nameNode);
            return null;
        }

        if (loop.Get("input") is not { } input)
        {
            Add(Diagnostic.Error(DiagnosticCodes.RequiredValueMissing, "The property copy loop has no 'input'.", loop.Path), loop);
            return null;
        }

        var countNode = loop.Get("count");
        var count = countNode is null ? null : _evaluator.Evaluate(countNode);
        if (count is null || !count.TryGetInteger(out var iterations))
        {
            if (count is not null || countNode is null)
            {
                Add(Diagnostic.Error(DiagnosticCodes.JsonUnexpectedType, "The copy count must be an integer.", countNode?.Path ?? loop.Path), countNode ?? loop);
            }

            return null;
        }

        if (iterations is < 0 or > MaxCopyCount)
        {
            Add(Diagnostic.Error(DiagnosticCodes.TemplateLimitExceeded,
                $"The copy count {iterations.ToString(CultureInfo.InvariantCulture)} is outside 0 to {MaxCopyCount.ToString(CultureInfo.InvariantCulture)} (ARM's limit).",
                countNode!.Path), countNode);
            return null;
        }

        var items = new List<JNode>((int)iterations);
        for (var i = 0; i < iterations; i++)
        {
            if (_evaluator.BudgetExceeded)
            {
                return null;
            }

            _evaluator.PropertyLoops.Add((name, i));
            try
            {
                if (Expand(input, copyAllowed: false) is not { } value)
                {
                    return null;
                }

                items.Add(value);
            }
            finally
            {
                _evaluator.PropertyLoops.RemoveAt(_evaluator.PropertyLoops.Count - 1);
            }
        }

        return new(name, JNode.Array(items, JNode.Child(loop.Path, name), loop.Line));
    }

    private void Refuse(string message, JNode at) =>
        Add(Diagnostic.Error(DiagnosticCodes.TemplatePropertyCopyUnsupported, message, at.Path), at);
}
