package dev.eddy.kernel;

import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.messages.reply.HistoryReply;
import io.github.spencerpark.jupyter.messages.reply.InterruptReply;
import io.github.spencerpark.jupyter.messages.reply.KernelInfoReply;

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

    static final class History extends HistoryReply {
        @SuppressWarnings("unused") // serialized by gson
        private final String status = "ok";

        History(List<HistoryEntry> entries) {
            super(entries);
        }
    }
}
