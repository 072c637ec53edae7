package dev.eddy.kernel;

import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.messages.reply.HistoryReply;
import io.github.spencerpark.jupyter.messages.reply.InterruptReply;
import io.github.spencerpark.jupyter.messages.reply.KernelInfoReply;

import io.github.spencerpark.jupyter.messages.ContentType;
import io.github.spencerpark.jupyter.messages.MessageType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** basekernel 2.3.0 replies with the {@code "status": "ok"} that the protocol requires and basekernel leaves out. */
final class Replies {
    private Replies() {
    }

    static final class KernelInfo extends KernelInfoReply {
        @SuppressWarnings("unused") // serialized by gson
        private final String status = "ok";

        KernelInfo(String protocol, String implementation, String version, LanguageInfo language, String banner,
                   List<LanguageInfo.Help> help) {
            super(protocol, implementation, version, language, banner, help);
        }
    }

    static final class Interrupt extends InterruptReply {
        @SuppressWarnings("unused") // serialized by gson
        private final String status = "ok";
    }

    /**
     * basekernel serializes a {@link HistoryEntry} as an object; the protocol wants a
     * {@code [session, line, input]} or {@code [session, line, [input, output]]} triple.
     */
    static final class History implements ContentType<History> {
        @SuppressWarnings("unchecked")
        private static final MessageType<History> TYPE = (MessageType<History>) (MessageType<?>) HistoryReply.MESSAGE_TYPE;

        @SuppressWarnings("unused") // serialized by gson
        private final String status = "ok";
        @SuppressWarnings("unused") // serialized by gson
        private final List<List<Object>> history = new ArrayList<>();

        History(List<HistoryEntry> entries, boolean withOutput) {
            for (HistoryEntry e : entries) {
                Object in = withOutput ? Arrays.asList(e.getInput(), e.getOutput()) : e.getInput();
                history.add(List.of(e.getSession(), e.getCellNumber(), in));
            }
        }

        @Override
        public MessageType<History> getType() {
            return TYPE;
        }
    }
}
