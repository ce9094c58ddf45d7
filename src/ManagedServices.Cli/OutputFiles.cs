using System.Text;

namespace ManagedServices.Cli;

/// <summary>Writes the files a command produces (<c>convert</c>, <c>report --output</c>, <c>advise --output-template</c>).</summary>
internal static class OutputFiles
{
    /// <summary><c>dir/name.json</c> → <c>dir/name.parameters.json</c>.</summary>
    public static string ParametersPathFor(string templateFile)
    {
        var directory = Path.GetDirectoryName(templateFile) ?? "";
        var name = Path.GetFileNameWithoutExtension(templateFile);
        return Path.Combine(directory, name + ".parameters.json");
    }

    /// <summary>Writes a UTF-8 file (no BOM), creating its directory; a failure is invalid input (exit 1).</summary>
    public static void Write(string path, string text)
    {
        try
        {
            var directory = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot write '{path}': {e.Message}");
        }
    }

    /// <summary>
    /// Writes <paramref name="text"/> to the file an output option names (<c>convert --to rest|offer</c>,
    /// <c>report --output</c>), or to standard output when it names none.
    /// </summary>
    /// <returns>The file written, or null when the text went to standard output (nothing to report).</returns>
    public static string[]? WriteOrPrint(CliContext context, string? outputPath, string text)
    {
        if (outputPath is null)
        {
            context.Out.Write(text);
            return null;
        }

        var file = context.Resolve(outputPath, "write");
        Write(file, text);
        return [file];
    }

    /// <summary>Writes an onboarding template and its parameters file beside it (<see cref="ParametersPathFor"/>).</summary>
    /// <returns>The two paths written.</returns>
    public static string[] WriteTemplate(string templateFile, string template, string parameters)
    {
        var parametersFile = ParametersPathFor(templateFile);
        Write(templateFile, template);
        Write(parametersFile, parameters);
        return [templateFile, parametersFile];
    }
}
