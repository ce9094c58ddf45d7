using System.Reflection;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Architecture;

/// <summary>
/// The layering of src/ManagedServices.Core: Identity, Scopes, Roles, Diagnostics and Internal import nothing above
/// them; Operations (Azure's operation list) imports only those; Access never knows JSON or templates; Analysis (proofs over operation names, the least-privilege advisor) sits above Access, Roles, Templates and Lifecycle and below the command line (Templates and Lifecycle never use it); nothing in
/// Core knows the command line. Checked on the source (using directives and fully qualified names) and on the
/// compiled public signatures.
/// </summary>
public class LayeringTests
{
    private static readonly string CoreSource = Path.Combine(RepoPaths.Root, "src", "ManagedServices.Core");

    public static TheoryData<string, string> Rules() => new()
    {
        { "Identity", "ManagedServices.Analysis|ManagedServices.Operations|ManagedServices.Offers|ManagedServices.Validation|ManagedServices.Access|ManagedServices.Templates|ManagedServices.Lifecycle|ManagedServices.DependencyInjection|System.Text.Json" },
        { "Scopes", "ManagedServices.Analysis|ManagedServices.Operations|ManagedServices.Offers|ManagedServices.Validation|ManagedServices.Access|ManagedServices.Templates|ManagedServices.Lifecycle|ManagedServices.DependencyInjection|System.Text.Json" },
        { "Roles", "ManagedServices.Analysis|ManagedServices.Operations|ManagedServices.Offers|ManagedServices.Validation|ManagedServices.Access|ManagedServices.Templates|ManagedServices.Lifecycle|ManagedServices.DependencyInjection" },
        { "Diagnostics", "ManagedServices.Analysis|ManagedServices.Operations|ManagedServices.Offers|ManagedServices.Validation|ManagedServices.Access|ManagedServices.Templates|ManagedServices.Lifecycle|ManagedServices.DependencyInjection" },
        { "Operations", "ManagedServices.Analysis|ManagedServices.Offers|ManagedServices.Validation|ManagedServices.Access|ManagedServices.Templates|ManagedServices.Lifecycle|ManagedServices.DependencyInjection|System.Text.Json" },
        { "Offers", "ManagedServices.Analysis|ManagedServices.Validation|ManagedServices.Access|ManagedServices.Templates|ManagedServices.Lifecycle|ManagedServices.DependencyInjection|System.Text.Json" },
        { "Access", "ManagedServices.Analysis|ManagedServices.Templates|ManagedServices.Lifecycle|ManagedServices.DependencyInjection|System.Text.Json" },
        { "Validation", "ManagedServices.Analysis|ManagedServices.Access|ManagedServices.Templates|ManagedServices.Lifecycle|ManagedServices.DependencyInjection" },
        { "Analysis", "ManagedServices.DependencyInjection" },
        { "Templates", "ManagedServices.Analysis" },
        { "Lifecycle", "ManagedServices.Analysis" },
        { "Reporting", "ManagedServices.Templates|ManagedServices.Validation|ManagedServices.DependencyInjection" },
        { "", "ManagedServices.Cli|System.CommandLine" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Folder_DoesNotReferenceHigherLayers(string folder, string forbidden)
    {
        var dir = Path.Combine(CoreSource, folder);
        if (!Directory.Exists(dir))
        {
            return; // the layer does not exist yet: nothing to check
        }

        var banned = forbidden.Split('|');
        var offenders =
            from file in Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            where !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            from line in File.ReadLines(file).Select((text, index) => (text, index))
            from name in banned
            where line.text.Contains(name + ";", StringComparison.Ordinal) || line.text.Contains(name + ".", StringComparison.Ordinal)
            select $"{Path.GetRelativePath(CoreSource, file)}:{line.index + 1}: {name}";
        Assert.Empty(offenders);
    }

    [Fact]
    public void PublicSignatures_OfLowerLayers_UseOnlyLowerLayerTypes()
    {
        var assembly = typeof(ResourceScope).Assembly;
        var lower = assembly.GetExportedTypes().Where(t => t.Namespace == "ManagedServices");
        var offenders = new List<string>();
        foreach (var type in lower)
        {
            foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                var types = member switch
                {
                    MethodInfo m => [m.ReturnType, .. m.GetParameters().Select(p => p.ParameterType)],
                    PropertyInfo p => [p.PropertyType],
                    FieldInfo f => [f.FieldType],
                    _ => Array.Empty<Type>(),
                };
                offenders.AddRange(types
                    .SelectMany(Flatten)
                    .Where(t => t.Assembly == assembly && t.Namespace != "ManagedServices")
                    .Select(t => $"{type.Name}.{member.Name} uses {t.FullName}"));
            }
        }

        Assert.Empty(offenders);

        static IEnumerable<Type> Flatten(Type t) =>
            t.IsGenericType ? [t, .. t.GetGenericArguments().SelectMany(Flatten)]
            : t.HasElementType ? Flatten(t.GetElementType()!)
            : [t];
    }
}
