#include "cdecl/cdecl.h"

#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/AST/Decl.h>
#include <clang/AST/RecordLayout.h>
#include <clang/Basic/DiagnosticOptions.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/CompilerInvocation.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Lex/Lexer.h>
#include <clang/Lex/PPCallbacks.h>
#include <clang/Lex/Preprocessor.h>
#include <clang/Lex/PreprocessorOptions.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/TargetParser/Host.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

namespace btc {

namespace {

// The name of the file Clang parses: it includes the script, then asks for the macros the
// script may use. Virtual, like the script's copy.
constexpr const char* kMainName = "/btc-preamble/main.c";
constexpr const char* kMacroPrefix = "__btc_macro_";
// Clang's messages beyond these are noise from the first error.
constexpr unsigned kMaxErrors = 20;

struct CError {
  std::optional<SourceRange> range; // in the script; nothing: no place there
  std::string message;
};

// Collects Clang's errors, placed in the script: an error in a header is reported at the
// script's #include that led to it.
class ErrorCollector : public clang::DiagnosticConsumer {
public:
  // `unterminated`: where the script's struct/union/enum definitions lack their `;`, which
  // bpftrace allows and Clang (recovering as if it were there) reports.
  ErrorCollector(std::string script_name, std::vector<CError>& errors,
                 std::vector<uint32_t> unterminated)
      : script_name_(std::move(script_name)), errors_(errors),
        unterminated_(std::move(unterminated)) {}

  void HandleDiagnostic(clang::DiagnosticsEngine::Level level,
                        const clang::Diagnostic& info) override {
    clang::DiagnosticConsumer::HandleDiagnostic(level, info);
    if (level < clang::DiagnosticsEngine::Error) return;
    llvm::SmallString<128> text;
    info.FormatDiagnostic(text);
    CError error{std::nullopt, text.str().str()};
    if (info.hasSourceManager() && info.getLocation().isValid()) {
      const clang::SourceManager& sm = info.getSourceManager();
      clang::SourceLocation loc = sm.getFileLoc(info.getLocation());
      std::string header;
      for (;;) {
        llvm::StringRef file = sm.getFilename(loc);
        // The macro queries after the script: a macro that is no integer is not an error.
        if (file == kMainName) return;
        if (file == script_name_) {
          error.range = script_range(sm, loc);
          if (error.message.starts_with("expected ';'") &&
              std::find(unterminated_.begin(), unterminated_.end(), error.range->begin) !=
                  unterminated_.end())
            return;
          break;
        }
        if (header.empty() && !file.empty()) {
          header = shown_path(file.str()) + ":" + std::to_string(sm.getSpellingLineNumber(loc)) +
                   ":" + std::to_string(sm.getSpellingColumnNumber(loc));
        }
        clang::SourceLocation included_from = sm.getIncludeLoc(sm.getFileID(loc));
        if (included_from.isInvalid()) break;
        loc = sm.getFileLoc(included_from);
      }
      if (!header.empty()) error.message = "in " + header + ": " + error.message;
    }
    if (errors_.size() < kMaxErrors) errors_.push_back(std::move(error));
  }

  void set_lang_opts(const clang::LangOptions& opts) { lang_opts_ = opts; }

private:
  // The token at `loc` in the script; a whole header name, and a directive from its '#'.
  SourceRange script_range(const clang::SourceManager& sm, clang::SourceLocation loc) const {
    uint32_t begin = sm.getFileOffset(loc);
    llvm::StringRef text = sm.getBufferData(sm.getFileID(loc));
    uint32_t end = begin + std::max(clang::Lexer::MeasureTokenLength(loc, sm, lang_opts_), 1u);
    if (begin < text.size() && (text[begin] == '<' || text[begin] == '"')) {
      size_t close = text.find_first_of(text[begin] == '<' ? ">\n" : "\"\n", begin + 1);
      if (close != llvm::StringRef::npos && text[close] != '\n') end = close + 1;
    }
    uint32_t hash = begin;
    while (hash > 0 && (text[hash - 1] == ' ' || text[hash - 1] == '\t')) --hash;
    if (hash > 0 && text[hash - 1] == '#' && (hash == 1 || text[hash - 2] == '\n'))
      begin = hash - 1;
    return {begin, std::min<uint32_t>(end, static_cast<uint32_t>(text.size()))};
  }

  // A header beside the script is named relative to it, as the script names it.
  std::string shown_path(const std::string& path) const {
    std::string dir = script_name_.substr(0, script_name_.rfind('/') + 1);
    return path.starts_with(dir) ? path.substr(dir.size()) : path;
  }

  std::string script_name_;
  std::vector<CError>& errors_;
  std::vector<uint32_t> unterminated_;
  clang::LangOptions lang_opts_;
};

// Records the script's lines the preprocessor skipped.
class SkippedRanges : public clang::PPCallbacks {
public:
  SkippedRanges(const clang::SourceManager& sm, std::string script_name,
                std::vector<SourceRange>& out)
      : sm_(sm), script_name_(std::move(script_name)), out_(out) {}

  void SourceRangeSkipped(clang::SourceRange range, clang::SourceLocation) override {
    if (sm_.getFilename(range.getBegin()) != script_name_) return;
    out_.push_back({sm_.getFileOffset(range.getBegin()), sm_.getFileOffset(range.getEnd())});
  }

private:
  const clang::SourceManager& sm_;
  std::string script_name_;
  std::vector<SourceRange>& out_;
};

} // namespace

// Turns Clang's AST into btc's types once the whole preamble is parsed.
class CDeclExtractor : public clang::ASTConsumer {
public:
  CDeclExtractor(clang::CompilerInstance& ci, CDeclarations& out,
                 const std::vector<std::string>& identifiers)
      : ci_(ci), out_(out), identifiers_(identifiers) {}

  void HandleTranslationUnit(clang::ASTContext& ctx) override {
    ctx_ = &ctx;
    visit(ctx.getTranslationUnitDecl());
    for (const std::string& name : identifiers_) macro_constant(name);
  }

private:
  void visit(const clang::DeclContext* dc) {
    for (const clang::Decl* d : dc->decls()) {
      if (const auto* var = llvm::dyn_cast<clang::VarDecl>(d)) {
        macro_value(var);
      } else if (const auto* rd = llvm::dyn_cast<clang::RecordDecl>(d)) {
        // C puts a record defined inside another in the enclosing scope.
        visit(rd);
        if (rd->isThisDeclarationADefinition() && !rd->getName().empty() && user_file(rd)) {
          if (const RecordDef* def = convert_record(rd))
            out_.records_[std::string(rd->isUnion() ? "union " : "struct ") + rd->getName().str()] =
                def;
        }
      } else if (const auto* ed = llvm::dyn_cast<clang::EnumDecl>(d)) {
        for (const clang::EnumConstantDecl* c : ed->enumerators())
          out_.constants_[c->getName().str()] = c->getInitVal().extOrTrunc(64).getSExtValue();
        if (ed->isThisDeclarationADefinition() && !ed->getName().empty() && user_file(ed)) {
          if (const EnumDef* def = convert_enum(ed)) {
            out_.enums_[ed->getName().str()] = def;
            for (const clang::EnumConstantDecl* c : ed->enumerators())
              out_.constant_enums_[c->getName().str()] = def;
          }
        }
      } else if (const auto* td = llvm::dyn_cast<clang::TypedefNameDecl>(d)) {
        if (user_file(td)) {
          Type t = convert(td->getUnderlyingType());
          if (t.kind() != TypeKind::None) out_.typedefs_[td->getName().str()] = t;
        }
      }
    }
  }

  // The script's own files: not system headers (system and kernel include directories).
  bool user_file(const clang::Decl* d) const {
    return !ctx_->getSourceManager().isInSystemHeader(d->getLocation());
  }

  // `static const __auto_type __btc_macro_NAME = (NAME);` from the macro queries.
  void macro_value(const clang::VarDecl* var) {
    llvm::StringRef name = var->getName();
    if (!name.starts_with(kMacroPrefix) || var->isInvalidDecl() || !var->getInit()) return;
    const auto* literal =
        llvm::dyn_cast<clang::StringLiteral>(var->getInit()->IgnoreParenImpCasts());
    if (literal && literal->isOrdinary()) {
      string_macro_values_[name.drop_front(std::strlen(kMacroPrefix)).str()] =
          literal->getString().str();
      return;
    }
    if (!var->getType()->isIntegerType()) return;
    std::optional<llvm::APSInt> value = var->getInit()->getIntegerConstantExpr(*ctx_);
    if (!value) return;
    macro_values_[name.drop_front(std::strlen(kMacroPrefix)).str()] =
        value->extOrTrunc(64).getSExtValue();
  }

  // A macro the script may use: defined in a file (not a compiler built-in) when the preamble
  // ends, and evaluated to an integer.
  void macro_constant(const std::string& name) {
    auto value = macro_values_.find(name);
    auto string = string_macro_values_.find(name);
    if (value == macro_values_.end() && string == string_macro_values_.end()) return;
    clang::Preprocessor& pp = ci_.getPreprocessor();
    const clang::MacroInfo* info = pp.getMacroInfo(pp.getIdentifierInfo(name));
    if (!info || info->isBuiltinMacro()) return;
    const clang::SourceManager& sm = ctx_->getSourceManager();
    clang::SourceLocation where = info->getDefinitionLoc();
    if (sm.isWrittenInBuiltinFile(where) || sm.isWrittenInCommandLineFile(where)) return;
    if (string != string_macro_values_.end())
      out_.preamble_.string_macros[name] = string->second;
    else
      out_.constants_[name] = value->second;
  }

  const RecordDef* convert_record(const clang::RecordDecl* rd) {
    rd = rd->getDefinition();
    if (!rd || rd->isInvalidDecl()) return nullptr;
    auto done = records_.find(rd);
    if (done != records_.end()) return done->second;
    if (!converting_.insert(rd).second) return nullptr;
    const clang::ASTRecordLayout& layout = ctx_->getASTRecordLayout(rd);
    RecordDef def;
    def.name = rd->getName().str();
    def.is_union = rd->isUnion();
    def.size = static_cast<uint32_t>(layout.getSize().getQuantity());
    for (const clang::FieldDecl* f : rd->fields()) {
      if (f->isUnnamedBitField()) continue;
      uint64_t bits = layout.getFieldOffset(f->getFieldIndex());
      RecordField field;
      // An anonymous struct or union member keeps no name, as in BTF.
      field.name = f->getName().str();
      field.offset = static_cast<uint32_t>(bits / 8);
      if (f->isBitField()) {
        field.bit_offset = static_cast<uint8_t>(bits % 8);
        field.bit_size = static_cast<uint8_t>(f->getBitWidthValue(*ctx_));
      }
      field.type = convert(f->getType());
      def.fields.push_back(std::move(field));
    }
    converting_.erase(rd);
    const RecordDef* interned = intern_record(std::move(def));
    records_[rd] = interned;
    return interned;
  }

  const EnumDef* convert_enum(const clang::EnumDecl* ed) {
    ed = ed->getDefinition();
    if (!ed || ed->isInvalidDecl()) return nullptr;
    clang::QualType base = ed->getIntegerType();
    EnumDef def;
    def.name = ed->getName().str();
    def.bits = static_cast<uint8_t>(ctx_->getTypeSize(base));
    def.is_signed = base->isSignedIntegerType();
    for (const clang::EnumConstantDecl* c : ed->enumerators())
      def.values.push_back({c->getName().str(), c->getInitVal().extOrTrunc(64).getSExtValue()});
    return intern_enum(std::move(def));
  }

  // btc's type for a C type; the unknown type for what btc cannot hold (floating point,
  // functions, integers wider than 64 bits).
  Type convert(clang::QualType qt) {
    const clang::Type* t = qt.getCanonicalType().getTypePtr();
    if (t->isBooleanType()) return Type::boolean();
    if (const auto* et = t->getAs<clang::EnumType>()) {
      if (const EnumDef* def = convert_enum(et->getDecl())) return Type::enum_of(*def);
      return Type::none();
    }
    if (t->isIntegerType()) {
      uint64_t bits = ctx_->getTypeSize(t);
      if (bits > 64) return Type::none();
      return Type::integer(static_cast<uint8_t>(bits), t->isSignedIntegerType());
    }
    if (const auto* pt = t->getAs<clang::PointerType>()) {
      // A pointer back to a record being converted (a list node's `next`) stays untyped: the
      // record does not exist yet.
      clang::QualType pointee = pt->getPointeeType();
      if (const auto* rt = pointee->getAs<clang::RecordType>()) {
        const clang::RecordDecl* rd = rt->getDecl()->getDefinition();
        if (!rd || converting_.count(rd)) return Type::pointer(Type::none(), AddrSpace::Kernel);
      }
      return Type::pointer(convert(pointee), AddrSpace::Kernel);
    }
    if (const auto* at = llvm::dyn_cast<clang::ConstantArrayType>(t)) {
      // A char array is a string, as BTF's are (kernel/btf.cpp): `char comm[16]` prints as text.
      clang::QualType elem = at->getElementType().getCanonicalType();
      if (elem->isSpecificBuiltinType(clang::BuiltinType::Char_S) ||
          elem->isSpecificBuiltinType(clang::BuiltinType::Char_U) ||
          elem->isSpecificBuiltinType(clang::BuiltinType::SChar))
        return Type::string(static_cast<uint32_t>(at->getSize().getZExtValue()));
      Type element = convert(at->getElementType());
      if (element.kind() == TypeKind::None) return Type::none();
      return Type::array(element, static_cast<uint32_t>(at->getSize().getZExtValue()));
    }
    if (const auto* at = llvm::dyn_cast<clang::IncompleteArrayType>(t)) {
      Type element = convert(at->getElementType());
      if (element.kind() == TypeKind::None) return Type::none();
      return Type::array(element, 0);
    }
    if (const auto* rt = t->getAs<clang::RecordType>()) {
      if (const RecordDef* def = convert_record(rt->getDecl())) return Type::record_of(*def);
    }
    return Type::none();
  }

  clang::CompilerInstance& ci_;
  CDeclarations& out_;
  const std::vector<std::string>& identifiers_;
  clang::ASTContext* ctx_ = nullptr;
  std::map<const clang::RecordDecl*, const RecordDef*> records_;
  std::set<const clang::RecordDecl*> converting_;
  std::map<std::string, int64_t> macro_values_;
  std::map<std::string, std::string> string_macro_values_;
};

namespace {

class ExtractAction : public clang::ASTFrontendAction {
public:
  ExtractAction(CDeclarations& out, const std::vector<std::string>& identifiers,
                std::string script_name, std::vector<SourceRange>& skipped)
      : out_(out), identifiers_(identifiers), script_name_(std::move(script_name)),
        skipped_(skipped) {}

  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance& ci,
                                                        llvm::StringRef) override {
    ci.getPreprocessor().addPPCallbacks(
        std::make_unique<SkippedRanges>(ci.getSourceManager(), script_name_, skipped_));
    return std::make_unique<CDeclExtractor>(ci, out_, identifiers_);
  }

private:
  CDeclarations& out_;
  const std::vector<std::string>& identifiers_;
  std::string script_name_;
  std::vector<SourceRange>& skipped_;
};

// Where the script's copy lives for Clang: its own path, so `#include "x.h"` is found beside
// it, as a C compiler would.
std::string script_path(const SourceFile& source) {
  std::error_code ec;
  std::string name = source.name() == "stdin" ? "stdin.bt" : source.name();
  std::filesystem::path path = std::filesystem::absolute(name, ec);
  return ec ? name : path.lexically_normal().string();
}

bool is_identifier(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

} // namespace

std::unique_ptr<CDeclarations> parse_c_preamble(const SourceFile& source, const PreambleScan& scan,
                                                const std::vector<std::string>& identifiers,
                                                const CPreambleOptions& options,
                                                Diagnostics& diags) {
  std::string script_name = script_path(source);
  // The preamble as Clang sees it: the script's bytes up to the first probe, with the
  // interpreter line blanked, so every offset in it is the script's.
  std::string c_text = source.text().substr(0, scan.end);
  if (c_text.starts_with("#!")) {
    for (size_t i = 0; i < c_text.size() && c_text[i] != '\n'; ++i) c_text[i] = ' ';
  }
  std::string main_text = "#include \"" + script_name + "\"\n";
  std::vector<std::string> names;
  for (const std::string& name : identifiers) {
    if (!is_identifier(name) || name.starts_with(kMacroPrefix)) continue;
    names.push_back(name);
    main_text += "#ifdef " + name + "\nstatic const __auto_type " + kMacroPrefix + name + " = (" +
                 name + ");\n#endif\n";
  }

  std::vector<std::string> storage = {"-triple",
                                      llvm::sys::getDefaultTargetTriple(),
                                      "-fsyntax-only",
                                      "-std=gnu11",
                                      "-w",
                                      "-ferror-limit",
                                      "0",
                                      "-nostdsysteminc",
                                      "-nobuiltininc",
                                      "-fgnuc-version=4.2.1"};
  for (const std::string& dir : options.include_dirs) {
    storage.push_back("-I");
    storage.push_back(dir);
  }
  if (options.kernel) {
    for (std::string& flag : kernel_header_flags(*options.kernel, options.machine))
      storage.push_back(std::move(flag));
  }
  std::string multiarch = options.machine + "-linux-gnu";
  for (const std::string& dir :
       {std::string(BTC_CLANG_RESOURCE_INCLUDE), std::string("/usr/local/include")}) {
    storage.push_back("-internal-isystem");
    storage.push_back(dir);
  }
  for (const std::string& dir : {"/usr/include/" + multiarch, std::string("/usr/include")}) {
    storage.push_back("-internal-externc-isystem");
    storage.push_back(dir);
  }
  if (options.have_btf) {
    storage.push_back("-D");
    storage.push_back("BPFTRACE_HAVE_BTF");
  }
  for (const std::string& file : options.include_files) {
    storage.push_back("-include");
    storage.push_back(file);
  }
  storage.push_back("-x");
  storage.push_back("c");
  storage.push_back(kMainName);
  std::vector<const char*> args;
  for (const std::string& s : storage) args.push_back(s.c_str());

  std::vector<CError> errors;
  auto* collector = new ErrorCollector(script_name, errors, scan.unterminated);
  auto diag_opts = llvm::makeIntrusiveRefCnt<clang::DiagnosticOptions>();
  auto invocation = std::make_shared<clang::CompilerInvocation>();
  {
    clang::DiagnosticsEngine engine(new clang::DiagnosticIDs, diag_opts.get(), collector, false);
    if (!clang::CompilerInvocation::CreateFromArgs(*invocation, args, engine)) {
      diags.error("internal error: Clang refused the options for the C preamble");
      delete collector;
      return nullptr;
    }
  }
  collector->set_lang_opts(invocation->getLangOpts());
  // Only declarations matter: the bodies of the headers' inline functions hold architecture
  // assembly and cost time.
  invocation->getFrontendOpts().SkipFunctionBodies = true;
  invocation->getDiagnosticOpts().ShowCarets = false;
  auto& pp_opts = invocation->getPreprocessorOpts();
  pp_opts.addRemappedFile(kMainName,
                          llvm::MemoryBuffer::getMemBufferCopy(main_text, kMainName).release());
  pp_opts.addRemappedFile(script_name,
                          llvm::MemoryBuffer::getMemBufferCopy(c_text, script_name).release());

  auto result = std::unique_ptr<CDeclarations>(new CDeclarations());
  result->preamble_.end = scan.end;
  clang::CompilerInstance compiler;
  compiler.setInvocation(invocation);
  compiler.createDiagnostics(collector, true);
  ExtractAction action(*result, names, script_name, result->preamble_.inactive);
  compiler.ExecuteAction(action);

  for (const CError& e : errors) {
    if (e.range)
      diags.error(*e.range, e.message);
    else
      diags.error(e.message);
  }
  // Errors in the macro queries are not counted: a macro that is no integer is no constant.
  if (!errors.empty()) return nullptr;
  return result;
}

std::vector<std::string> CDeclarations::record_names(bool is_union) {
  std::vector<std::string> names;
  std::string prefix = is_union ? "union " : "struct ";
  for (const auto& [key, def] : records_)
    if (key.starts_with(prefix)) names.push_back(key.substr(prefix.size()));
  return names;
}

const RecordDef* CDeclarations::record(const std::string& name, bool is_union) {
  auto it = records_.find((is_union ? "union " : "struct ") + name);
  return it == records_.end() ? nullptr : it->second;
}

const EnumDef* CDeclarations::enumeration(const std::string& name) {
  auto it = enums_.find(name);
  return it == enums_.end() ? nullptr : it->second;
}

std::optional<Type> CDeclarations::typedef_type(const std::string& name) {
  auto it = typedefs_.find(name);
  if (it == typedefs_.end()) return std::nullopt;
  return it->second;
}

std::optional<int64_t> CDeclarations::constant(const std::string& name) {
  auto it = constants_.find(name);
  if (it == constants_.end()) return std::nullopt;
  return it->second;
}

} // namespace btc

namespace btc {

const EnumDef* CDeclarations::constant_enum(const std::string& name) {
  auto it = constant_enums_.find(name);
  return it == constant_enums_.end() ? nullptr : it->second;
}

} // namespace btc
