package dev.eddy.kernel;

import io.github.spencerpark.jupyter.channels.ShellHandler;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.EddyIOBinding;
import io.github.spencerpark.jupyter.kernel.JupyterIO;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.publish.PublishError;
import io.github.spencerpark.jupyter.messages.publish.PublishExecuteInput;
import io.github.spencerpark.jupyter.messages.publish.PublishExecuteResult;
import io.github.spencerpark.jupyter.messages.reply.ErrorReply;
import io.github.spencerpark.jupyter.messages.reply.ExecuteReply;
import io.github.spencerpark.jupyter.messages.request.ExecuteRequest;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers {@code execute_request}: streams the cell's stdout and stderr (its threads' included) while it runs, coalesced
 * and cut to a head and tail by {@link CellOutput}, sends all of it before the reply, publishes
 * its value as {@code execute_result}, and reports failures with the real exception class as {@code ename}. Every
 * request gets its reply, even when showing the value throws or recurses forever.
 */
final class ExecuteHandler implements ShellHandler<ExecuteRequest> {
    private static final Logger LOG = Logger.getLogger(ExecuteHandler.class.getName());

    private final EddyKernel kernel;

    ExecuteHandler(EddyKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public void handle(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        synchronized (kernel) {
            kernel.getCommManager().setMessageContext(message);
            ExecuteRequest request = message.getContent();
            boolean silent = request.isSilent();
            int count = silent ? kernel.currentExecutionCount() : kernel.nextExecutionCount();
            String label = "In[" + count + "]";
            env.setBusyDeferIdle();
            if (!silent) env.publish(new PublishExecuteInput(request.getCode(), count));
            bindStreams(env, request.isStdinEnabled());

            String output = null;
            try {
                EvalResult result = kernel.runCell(request.getCode(), label);
                kernel.output().drain();
                ErrorLines error;
                if (result instanceof EvalResult.Value v) {
                    DisplayData data = v.hasValue() ? kernel.renderValue(v.value()) : null;
                    if (data instanceof RenderFailure failure) {
                        LOG.log(Level.WARNING, label + ": " + failure.message(), failure.cause());
                        error = failure.errorLines();
                    } else {
                        output = data == null ? null : (String) data.getData(MIMEType.TEXT_PLAIN);
                        if (data != null && !silent) env.publish(new PublishExecuteResult(count, data));
                        deferReply(() -> env.defer().reply(new ExecuteReply(count, Map.of())));
                        error = null;
                    }
                } else {
                    error = ErrorLines.of(result, label);
                }
                if (error != null) {
                    replyError(env, count, error);
                }
            } catch (RuntimeException | StackOverflowError | LinkageError e) {
                // Whatever broke after the cell ran, the client still gets its reply and the kernel stays usable:
                // nothing after a reply is sent can throw, so none has been sent yet.
                LOG.log(Level.SEVERE, label + ": answering execute_request failed", e);
                replyError(env, count, ErrorLines.of(e.getClass().getSimpleName(),
                        "the kernel must answer " + label + "; got " + RenderFailure.describe(e) + " instead",
                        List.of(e.getClass().getName() + " while answering " + label)));
            }
            if (request.shouldStoreHistory() && !silent) kernel.history().add(count, request.getCode(), output);
        }
    }

    private void replyError(ShellReplyEnvironment env, int count, ErrorLines error) {
        env.publish(new PublishError(error.name(), error.value(), error.traceback()));
        ErrorReply reply = new ErrorReply(error.name(), error.value(), error.traceback());
        reply.setExecutionCount(count);
        deferReply(() -> env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply));
    }

    /**
     * basekernel defers whatever {@code env} sends next after {@code defer()}; holding the output's lock keeps a
     * stream message that a cell's thread or the flush timer sends from slipping in between and being deferred
     * in the reply's place.
     */
    private void deferReply(Runnable deferAndReply) {
        synchronized (kernel.output()) {
            deferAndReply.run();
        }
    }

    private void bindStreams(ShellReplyEnvironment env, boolean stdinEnabled) {
        JupyterIO io = kernel.getIO();
        CellOutput output = kernel.output();
        PrintStream out = System.out;
        PrintStream err = System.err;
        InputStream in = System.in;
        System.setOut(output.out);
        System.setErr(output.err);
        System.setIn(io.in);
        env.defer(() -> {
            System.setOut(out);
            System.setErr(err);
            System.setIn(in);
        });
        EddyIOBinding.attach(io, env, stdinEnabled);
        kernel.cellStarted(env.getContext());
        output.attach((stdout, text) -> {
            if (stdout) env.writeToStdOut(text);
            else env.writeToStdErr(text);
        });
        env.defer(() -> {
            output.detach();
            kernel.cellEnded();
            EddyIOBinding.detach(io, env);
        });
    }
}
