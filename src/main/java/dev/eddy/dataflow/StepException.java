package dev.eddy.dataflow;

/**
 * A run stopped because a step failed on an item: names the step, the operator and the item
 * (shortened), and keeps what the user's code threw (any {@code Throwable}) as its cause. The run ends
 * after the activation in which the step failed: the items before the failing one in the step's batch,
 * and what other steps had in hand, reach the sinks; the failing item and those after it in the batch do
 * not, and no new input is read. Every sink is closed. See {@code docs/runtime.md}.
 *
 * <pre>{@code
 * var flow = new Dataflow("eg");
 * flow.input("inp", TestingSource.of(1, 0)).map("invert", x -> 1 / x).inspect("out");
 * try { Runner.runMain(flow); } catch (StepException e) { System.out.println(e.getMessage()); }
 * // eg.out: 1
 * // map step 'eg.invert' failed on item 0: java.lang.ArithmeticException: / by zero
 * }</pre>
 */
public final class StepException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int ITEM_CHARS = 120;

    private final String stepId;
    private final transient Object item;

    /**
     * @param operator the operator's name, such as {@code map}
     * @param stepId the qualified step id
     * @param item the item being processed
     * @param cause what the user's code threw
     */
    public StepException(String operator, String stepId, Object item, Throwable cause) {
        this(operator + " step '" + stepId + "' failed on item " + shorten(item) + ": " + cause, cause, stepId, item);
    }

    private StepException(String message, Throwable cause, String stepId, Object item) {
        super(message, cause);
        this.stepId = stepId;
        this.item = item;
    }

    /** A failure with a message of its own: {@code message} must say what was wrong. */
    public static StepException withMessage(String message, String stepId, Object item, Throwable cause) {
        return new StepException(message, cause, stepId, item);
    }

    /** The qualified id of the failed step. */
    public String stepId() {
        return stepId;
    }

    /** The item the step failed on (a batch, for batch steps). */
    public Object item() {
        return item;
    }

    /** The item as text, cut to a readable length; never throws, whatever the item's toString does. */
    public static String shorten(Object item) {
        String text;
        try {
            text = item instanceof CharSequence s ? "\"" + s + "\""
                    : item != null && item.getClass().isArray() ? arrayText(item) : String.valueOf(item);
        } catch (RuntimeException e) {
            text = item.getClass().getName() + " (whose toString threw " + e + ")";
        }
        return text.length() <= ITEM_CHARS ? text : text.substring(0, ITEM_CHARS) + "…";
    }

    /** An array's elements, as {@link java.util.Arrays#deepToString} shows them, rather than its identity. */
    private static String arrayText(Object array) {
        return java.util.Arrays.deepToString(new Object[] {array}).replaceFirst("^\\[(.*)]$", "$1");
    }
}
