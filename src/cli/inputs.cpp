// Workload file arguments as peers of Spectral and checkov take them: `-` is standard input
// (named by --stdin-filename in diagnostics and reports), a directory stands for every
// *.yaml/*.yml below it, and a quoted glob is expanded here (for shells and CI runners that
// pass it through unexpanded).

#include <glob.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include "command.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "pipeadvise/util/files.hpp"
#include "pipeadvise/util/visible.hpp"

namespace pipeadvise::cli {

namespace {

namespace fs = std::filesystem;

// A glob pattern or a directory to expand is an argument, not a file with lines: its errors
// carry no line and column (a file that cannot be read is at FILE:1:1, util/files.cpp).
[[noreturn]] void fail_input(const std::string& file, const std::string& message) {
    throw util::Error(std::vector<util::Diagnostic>{util::Diagnostic{util::Location{file, 0, 0}, message}});
}

bool is_workload_name(const fs::path& p) {
    const std::string ext = p.extension().string();
    return ext == ".yaml" || ext == ".yml";
}

bool is_hidden(const fs::path& p) {
    const std::string name = p.filename().string();
    return name.size() > 1 && name[0] == '.' && name != "..";
}

/// Every *.yaml/*.yml below `dir`, sorted; hidden files and folders (.git, .pipeadvise.yaml)
/// are skipped, as linters do, so a repository root can be named as a whole.
std::vector<std::string> files_below(const std::string& dir) {
    std::vector<std::string> out;
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec);
    if (ec) fail_input(dir, "cannot read directory: " + ec.message());
    for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
        if (ec) fail_input(dir, "cannot read directory: " + ec.message());
        const fs::directory_entry& entry = *it;
        if (is_hidden(entry.path())) {
            if (entry.is_directory(ec)) it.disable_recursion_pending();
            continue;
        }
        if (entry.is_regular_file(ec) && is_workload_name(entry.path())) {
            out.push_back(entry.path().generic_string());
        }
    }
    std::sort(out.begin(), out.end());
    if (out.empty()) fail_input(dir, "directory holds no *.yaml or *.yml file");
    return out;
}

bool has_glob_characters(const std::string& s) {
    return s.find_first_of("*?[") != std::string::npos;
}

std::vector<std::string> expand_glob(const std::string& pattern) {
    glob_t matches{};
    const int rc = ::glob(pattern.c_str(), GLOB_ERR, nullptr, &matches);
    std::vector<std::string> out;
    if (rc == 0) {
        for (std::size_t i = 0; i < matches.gl_pathc; ++i) out.emplace_back(matches.gl_pathv[i]);
    }
    ::globfree(&matches);
    if (rc == GLOB_NOMATCH || (rc == 0 && out.empty())) fail_input(pattern, "no file matches this pattern");
    if (rc != 0) fail_input(pattern, "cannot expand this pattern");
    // glob(3) sorts; a directory among the matches stands for its workload files.
    std::vector<std::string> files;
    for (const auto& m : out) {
        std::error_code ec;
        if (fs::is_directory(m, ec)) {
            const auto below = files_below(m);
            files.insert(files.end(), below.begin(), below.end());
        } else {
            files.push_back(m);
        }
    }
    return files;
}

}  // namespace

std::vector<std::string> expand_inputs(const std::vector<std::string>& arguments) {
    std::vector<std::string> files;
    bool stdin_seen = false;
    for (const auto& argument : arguments) {
        std::error_code ec;
        if (argument == "-") {
            if (stdin_seen) {
                throw util::Error(util::Error::Kind::usage, "'-' (standard input) is given more than once");
            }
            stdin_seen = true;
            files.push_back(argument);
        } else if (fs::is_directory(argument, ec)) {
            const auto below = files_below(argument);
            files.insert(files.end(), below.begin(), below.end());
        } else if (!fs::exists(argument, ec) && has_glob_characters(argument)) {
            const auto matched = expand_glob(argument);
            files.insert(files.end(), matched.begin(), matched.end());
        } else {
            files.push_back(argument);  // read_input_file reports a missing or unreadable file
        }
    }
    return files;
}

void add_input_files(CLI::App& command, InputFiles& inputs, const std::string& description) {
    command
        .add_option("FILE", inputs.files,
                    description +
                        "; '-' reads standard input, a directory means every *.yaml/*.yml "
                        "below it, a quoted glob is expanded")
        ->required();
    command.add_option("--stdin-filename", inputs.stdin_filename,
                       "The file name standard input ('-') stands for, in messages and reports "
                       "(default: <stdin>)");
}

std::vector<model::Workload> load_inputs(const InputFiles& inputs,
                                         const std::vector<model::Override>& overrides) {
    const std::vector<std::string> files = expand_inputs(inputs.files);
    const std::string stdin_name = inputs.stdin_filename.value_or("<stdin>");
    std::vector<model::Workload> out;
    std::vector<util::Diagnostic> errors;
    for (const auto& file : files) {
        // Outputs replace the bad bytes (U+FFFD); say so once, where the name came in.
        if (!util::is_valid_utf8(file))
            std::cerr << "pipeadvise: warning: " << util::escape_control(file)
                      << ": the file name is not valid UTF-8; outputs show it with U+FFFD\n";
        try {
            const bool from_stdin = file == "-";
            const std::string text =
                from_stdin ? util::read_standard_input(stdin_name) : util::read_input_file(file);
            model::LoadResult result =
                model::load_workload_text(text, from_stdin ? stdin_name : file, overrides);
            if (!result.workload) throw util::Error(std::move(result.errors));
            out.push_back(std::move(*result.workload));
        } catch (const util::Error& e) {
            if (e.kind() != util::Error::Kind::input) throw;
            if (e.diagnostics().empty()) {
                errors.push_back(
                    util::Diagnostic{util::Location{file == "-" ? stdin_name : file, 0, 0}, e.what()});
            } else {
                errors.insert(errors.end(), e.diagnostics().begin(), e.diagnostics().end());
            }
        }
    }
    if (!errors.empty()) throw util::Error(std::move(errors));
    return out;
}

}  // namespace pipeadvise::cli
