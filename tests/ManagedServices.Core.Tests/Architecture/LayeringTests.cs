using System.Reflection;
using System.Text.RegularExpressions;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Architecture;

/// <summary>
/// The layering of src/ManagedServices.Core, as docs/architecture.md draws it: every folder has a rule naming the
/// folders it may import, the rules form no cycle, and the source holds them. A folder "imports" another when it
/// names a type declared there (found by name, so it works while several folders share the root namespace) or has a
/// <c>using</c> of its namespace. Also: namespaces follow folders (the shared vocabulary is in the root namespace), nothing in
/// Core knows the command line or (in the lowest folders) System.Text.Json, and the public signatures of the root namespace
/// use only root-namespace types.
/// </summary>
public partial class LayeringTests
{
    private static readonly string CoreSource = Path.Combine(RepoPaths.Root, "src", "ManagedServices.Core");

    /// <summary>Folder → the folders it may import (besides itself). Keep in step with docs/architecture.md.</summary>
    internal static readonly IReadOnlyDictionary<string, string[]> MayImport = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Internal"] = [],
        ["Identity"] = ["Internal"],
        ["Diagnostics"] = ["Internal"],
        ["Scopes"] = ["Internal", "Identity", "Diagnostics"],
        ["Roles"] = ["Internal", "Identity", "Diagnostics"],
        ["Operations"] = ["Internal", "Identity", "Diagnostics"],
        ["Offers"] = ["Internal", "Identity", "Diagnostics", "Scopes", "Roles"],
        ["Validation"] = ["Internal", "Identity", "Diagnostics", "Scopes", "Roles", "Operations", "Offers"],
        ["Access"] = ["Internal", "Identity", "Diagnostics", "Scopes", "Roles", "Operations", "Offers"],
        ["Json"] = ["Internal", "Identity", "Diagnostics"],
        ["Lifecycle"] = ["Internal", "Identity", "Diagnostics", "Scopes", "Roles", "Operations", "Offers", "Access", "Validation"],
        ["Arm"] = ["Internal", "Identity", "Diagnostics", "Scopes", "Roles", "Operations", "Offers", "Access", "Validation", "Json", "Lifecycle"],
        ["Bicep"] = ["Internal", "Identity", "Diagnostics", "Scopes", "Roles", "Operations", "Offers", "Access", "Validation", "Json", "Arm"],
        ["Rest"] = ["Internal", "Identity", "Diagnostics", "Scopes", "Roles", "Operations", "Offers", "Access", "Validation", "Json", "Arm"],
        ["Serialization"] = ["Internal", "Identity", "Diagnostics", "Scopes", "Roles", "Operations", "Offers", "Access", "Validation", "Json", "Arm", "Rest"],
        ["Analysis"] = ["Internal", "Identity", "Diagnostics", "Scopes", "Roles", "Operations", "Offers", "Access", "Validation", "Lifecycle", "Json", "Arm", "Bicep", "Rest", "Serialization"],
        ["Reporting"] = ["Internal", "Identity", "Diagnostics", "Scopes", "Roles", "Operations", "Offers", "Access", "Validation", "Lifecycle", "Json", "Arm", "Bicep", "Rest", "Serialization"],
        ["DependencyInjection"] = ["Internal", "Identity", "Diagnostics", "Scopes", "Roles", "Operations", "Offers", "Access", "Validation", "Lifecycle", "Json", "Arm", "Bicep", "Rest", "Serialization", "Analysis", "Reporting"],
    };

    /// <summary>
    /// Imports that break the rules today, each with its way out. None since the templates reshape of issue 17: direct
    /// onboarding (<c>OnboardingTemplateDeployment.Deploy</c> in Arm/) takes the template's delegations to the lifecycle.
    /// </summary>
    private static readonly (string File, string Folder, string Why)[] KnownExceptions = [];

    /// <summary>The shared vocabulary, in the root namespace by design (docs/architecture.md); every other folder has its own.</summary>
    internal static readonly string[] RootNamespaceFolders = ["Diagnostics", "Identity", "Internal", "Roles", "Scopes"];

    public static TheoryData<string> Folders() => [.. MayImport.Keys];

    [Fact]
    public void EveryFolder_HasARule()
    {
        var folders = Directory.EnumerateDirectories(CoreSource).Select(Path.GetFileName).Where(d => d is not ("obj" or "bin")).ToList();

        var missing = folders.Where(f => !MayImport.ContainsKey(f!)).ToList();
        var stale = MayImport.Keys.Where(k => !folders.Contains(k)).ToList();

        Assert.True(missing.Count == 0, "Give these folders a rule in LayeringTests.MayImport and a row in docs/architecture.md: " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "Rules for folders that no longer exist: " + string.Join(", ", stale));
    }

    [Fact]
    public void Rules_FormNoCycle_AndNameOnlyKnownFolders()
    {
        var unknown = MayImport.SelectMany(r => r.Value.Where(v => !MayImport.ContainsKey(v)).Select(v => $"{r.Key} -> {v}")).ToList();
        Assert.Empty(unknown);

        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var cycle = new List<string>();
        bool Visit(string folder, List<string> path)
        {
            if (state.GetValueOrDefault(folder) == 2)
            {
                return false;
            }

            if (state.GetValueOrDefault(folder) == 1)
            {
                cycle.AddRange([.. path, folder]);
                return true;
            }

            state[folder] = 1;
            if (MayImport[folder].Any(next => Visit(next, [.. path, folder])))
            {
                return true;
            }

            state[folder] = 2;
            return false;
        }

        Assert.False(MayImport.Keys.Any(k => Visit(k, [])), "Cycle: " + string.Join(" -> ", cycle));
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void Folder_ImportsOnlyWhatItsRuleAllows(string folder)
    {
        var owners = TypeOwners();
        var allowed = MayImport[folder].Append(folder).ToHashSet(StringComparer.Ordinal);
        var offenders = new List<string>();
        foreach (var (file, text) in Sources(folder))
        {
            foreach (var (other, through) in Imports(text, owners))
            {
                if (!allowed.Contains(other) && !KnownExceptions.Any(e => e.File == file && e.Folder == other))
                {
                    offenders.Add($"{file}: {other} ({through})");
                }
            }
        }

        Assert.True(offenders.Count == 0, $"{folder} may import only {string.Join(", ", MayImport[folder])}:" + Environment.NewLine + string.Join(Environment.NewLine, offenders.Distinct()));
    }

    [Fact]
    public void KnownExceptions_StillExist()
    {
        var owners = TypeOwners();
        var gone = KnownExceptions
            .Where(e => !Sources(e.File.Split('/')[0]).Any(s => s.File == e.File && Imports(s.Text, owners).Any(i => i.Folder == e.Folder)))
            .Select(e => e.File)
            .ToList();

        Assert.True(gone.Count == 0, "Remove these from LayeringTests.KnownExceptions (and docs/architecture.md): " + string.Join(", ", gone));
    }

    [Fact]
    public void TheScan_SeesTypesAndUsings()
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal) { ["OnboardingTemplate"] = "Arm", ["Plan"] = "Offers" };

        var found = Imports("using ManagedServices.Lifecycle;\n// Plan in a comment\nvar s = \"Plan\"; OnboardingTemplate.Read(x);", owners).Select(i => i.Folder).Order(StringComparer.Ordinal);

        Assert.Equal(["Arm", "Lifecycle"], found);
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void Namespaces_FollowFolders(string folder)
    {
        var expected = RootNamespaceFolders.Contains(folder) ? "ManagedServices" : "ManagedServices." + folder;

        var wrong = Sources(folder)
            .Select(s => (s.File, Namespace: NamespaceDeclaration().Match(s.Text).Groups["ns"].Value))
            .Where(s => s.Namespace != expected)
            .Select(s => $"{s.File}: {s.Namespace}")
            .ToList();

        Assert.True(wrong.Count == 0, $"Files of {folder}/ declare namespace {expected}:" + Environment.NewLine + string.Join(Environment.NewLine, wrong));
    }

    [Theory]
    [InlineData("", "ManagedServices.Cli|System.CommandLine")]
    [InlineData("Identity", "System.Text.Json")]
    [InlineData("Scopes", "System.Text.Json")]
    [InlineData("Operations", "System.Text.Json")]
    [InlineData("Offers", "System.Text.Json")]
    [InlineData("Access", "System.Text.Json")]
    public void Folder_DoesNotUseForbiddenNamespaces(string folder, string forbidden)
    {
        var banned = forbidden.Split('|');
        var offenders =
            from source in Sources(folder)
            from line in source.Text.Split('\n').Select((text, index) => (text, index))
            from name in banned
            where line.text.Contains(name + ";", StringComparison.Ordinal) || line.text.Contains(name + ".", StringComparison.Ordinal)
            select $"{source.File}:{line.index + 1}: {name}";
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

    /// <summary>The source files of a folder ("" for all), as (path relative to the project with '/', text).</summary>
    internal static IEnumerable<(string File, string Text)> Sources(string folder)
    {
        var dir = Path.Combine(CoreSource, folder);
        return Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Select(f => (Path.GetRelativePath(CoreSource, f).Replace('\\', '/'), File.ReadAllText(f)))
            : [];
    }

    /// <summary>Each type name declared in exactly one folder, with that folder.</summary>
    internal static Dictionary<string, string> TypeOwners()
    {
        var declared = MayImport.Keys
            .SelectMany(folder => Sources(folder).SelectMany(s => TypeDeclaration().Matches(Blank(s.Text)).Select(m => (Name: m.Groups["name"].Value, Folder: folder))))
            .Distinct()
            .GroupBy(d => d.Name, StringComparer.Ordinal);
        return declared.Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Folder, StringComparer.Ordinal);
    }

    /// <summary>The folders a source imports: by a <c>using</c> of a folder's namespace, or by naming a type declared there.</summary>
    internal static IEnumerable<(string Folder, string Through)> Imports(string text, Dictionary<string, string> owners)
    {
        var code = Blank(text);
        var declaredHere = AnyTypeDeclaration().Matches(code).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        foreach (Match u in NamespaceUse().Matches(code))
        {
            if (MayImport.ContainsKey(u.Groups["folder"].Value))
            {
                yield return (u.Groups["folder"].Value, "ManagedServices." + u.Groups["folder"].Value);
            }
        }

        foreach (Match q in QualifiedName().Matches(code))
        {
            if (MayImport.ContainsKey(q.Groups["folder"].Value))
            {
                yield return (q.Groups["folder"].Value, q.Value + "…");
            }
        }

        foreach (var name in Identifier().Matches(code).Select(m => m.Value).Distinct(StringComparer.Ordinal))
        {
            if (!declaredHere.Contains(name) && owners.TryGetValue(name, out var folder))
            {
                yield return (folder, name);
            }
        }
    }

    /// <summary>The source without comments and string contents.</summary>
    private static string Blank(string source) => CommentOrString().Replace(source, m => m.Value.StartsWith('/') ? " " : "\"\"");

    /// <summary>A top-level type declaration (file-scoped namespaces put them at the start of a line; nested types are indented).</summary>
    [GeneratedRegex(@"^(?:(?:public|internal|static|sealed|abstract|readonly|partial|file|ref)\s+)*(?:class|struct|interface|enum|record(?:\s+(?:class|struct))?)\s+(?<name>[A-Z]\w*)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"\bManagedServices\.(?<folder>[A-Z]\w*)\b")]
    private static partial Regex NamespaceUse();

    [GeneratedRegex(@"\b(?:class|struct|interface|enum|record(?:\s+(?:class|struct))?)\s+(?<name>[A-Z]\w*)")]
    private static partial Regex AnyTypeDeclaration();

    /// <summary>A name qualified by a folder's namespace from inside the library (<c>Validation.OfferValidator</c>).</summary>
    [GeneratedRegex(@"(?<![\w.])(?<folder>[A-Z]\w*)\.(?=[A-Z])")]
    private static partial Regex QualifiedName();

    /// <summary>A name that is not a member access (<c>x.Key</c> is a property, not the type <c>Key</c>).</summary>
    [GeneratedRegex(@"(?<![.\w])[A-Z]\w*\b")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^namespace\s+(?<ns>[\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"//[^\n]*|""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex CommentOrString();
}
