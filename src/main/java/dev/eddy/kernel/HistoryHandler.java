package dev.eddy.kernel;

import io.github.spencerpark.jupyter.channels.ShellHandler;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager.ResultFlag;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.request.HistoryRequest;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Answers every {@code history_request} (tail, range, search) from the session's {@link InMemoryHistory}. */
final class HistoryHandler implements ShellHandler<HistoryRequest> {
    private final InMemoryHistory history;

    HistoryHandler(InMemoryHistory history) {
        this.history = history;
    }

    @Override
    public void handle(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        HistoryRequest request = message.getContent();
        env.setBusyDeferIdle();
        Set<ResultFlag> flags = EnumSet.noneOf(ResultFlag.class);
        if (request.includeOutput()) flags.add(ResultFlag.INCLUDE_OUTPUT);
        List<HistoryEntry> entries = switch (request.getAccessType()) {
            case TAIL -> history.lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), flags);
            case RANGE -> {
                HistoryRequest.Range r = (HistoryRequest.Range) request;
                yield history.lookupRange(r.getSessionIndex(), r.getStart(), r.getStop(), flags);
            }
            case SEARCH -> {
                HistoryRequest.Search s = (HistoryRequest.Search) request;
                if (s.filterUnique()) flags.add(ResultFlag.UNIQUE);
                yield history.search(s.getPattern(), s.getMaxReturnLength(), flags);
            }
        };
        env.reply(new Replies.History(entries, request.includeOutput()));
    }
}
