package dev.eddy.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.Loop;
import io.github.spencerpark.jupyter.channels.ShellChannel;

import java.lang.reflect.Field;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the shell and control loops alive after a malformed message. In basekernel 2.3.0 a message with a bad
 * signature or bad JSON throws out of the loop and ends its thread, so the kernel stops answering; here the error
 * goes to the kernel log and the loop polls on.
 */
final class ChannelGuard {
    private static final Logger LOG = Logger.getLogger(ChannelGuard.class.getName());
    private static final long RETRY_MILLIS = 50;

    private ChannelGuard() {
    }

    static void protect(JupyterConnection connection) {
        for (String channel : new String[]{"shell", "control"}) {
            try {
                Field channelField = JupyterConnection.class.getDeclaredField(channel);
                channelField.setAccessible(true);
                ShellChannel shell = (ShellChannel) channelField.get(connection);
                Field loopField = ShellChannel.class.getDeclaredField("ioloop");
                loopField.setAccessible(true);
                Loop loop = (Loop) loopField.get(shell);
                loop.onError(t -> {
                    LOG.log(Level.SEVERE, "dropped a malformed message on the " + channel + " channel: " + t, t);
                    return RETRY_MILLIS;
                });
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.WARNING, "the " + channel + " channel is unguarded: a malformed message will stop it", e);
            }
        }
    }
}
