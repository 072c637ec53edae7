package dev.eddy.notebook;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.FlowGraph;
import dev.eddy.dataflow.Step;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A flow's top-level steps and the streams between them, each composite operator (a window, {@code filter}) one
 * box, laid out top to bottom in layers, and a flow longer than {@value #LAYERS_PER_COLUMN} layers continued in
 * the next column: drawn here as SVG and PNG, so every front end shows it offline, and as a text outline. The
 * Mermaid text ({@link #mermaid}, {@link #markdown}) stays available for pasting elsewhere.
 * <pre>{@code
 * var flow = new Dataflow("eg");
 * flow.input("inp", TestingSource.of(1)).map("double", x -> x * 2).inspect("out");
 * System.out.print(FlowDiagram.of(flow).outline());
 * // Dataflow eg (3 steps)
 * //   inp (input) -> double
 * //   double (map) -> out
 * //   out (inspect)
 * }</pre>
 */
public final class FlowDiagram {

    private final Dataflow flow;
    private final String flowId;
    private final List<Step> steps;
    private final List<Edge> edges;

    private record Edge(int from, int to, String port) {
    }

    private FlowDiagram(Dataflow flow, List<Step> steps, List<Edge> edges) {
        this.flow = flow;
        this.flowId = flow.flowId();
        this.steps = steps;
        this.edges = edges;
    }

    /** The graph of {@code flow}'s top-level steps. */
    public static FlowDiagram of(Dataflow flow) {
        List<Step> steps = flow.steps();
        Map<String, int[]> producer = new HashMap<>();
        Map<String, String> portOf = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            for (Map.Entry<String, List<String>> port : steps.get(i).downPorts().entrySet()) {
                for (String stream : port.getValue()) {
                    producer.put(stream, new int[] {i});
                    portOf.put(stream, port.getKey());
                }
            }
        }
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            for (String stream : steps.get(i).upstreamIds()) {
                int[] from = producer.get(stream);
                if (from != null) edges.add(new Edge(from[0], i, portOf.get(stream)));
            }
        }
        return new FlowDiagram(flow, steps, edges);
    }

    /** Mermaid flowchart text, as Bytewax's {@code to_mermaid} writes it. */
    public String mermaid() {
        return FlowGraph.toMermaid(flow);
    }

    /** The Mermaid text fenced as a Markdown code block, under a one-line caption. */
    public String markdown() {
        return "flow `" + flowId.replace("`", "'") + "`: " + steps.size() + " steps\n\n```mermaid\n" + mermaid()
                + "\n```\n";
    }

    /** One line per step: its id, operator, and where its output goes. */
    public String outline() {
        StringBuilder out = new StringBuilder("Dataflow " + flowId + " (" + steps.size() + " steps)\n");
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            out.append("  ").append(s.localId()).append(" (").append(s.operator()).append(')');
            List<String> to = new ArrayList<>();
            for (Edge e : edges) {
                if (e.from() == i) to.add((e.port().equals("down") ? "" : e.port() + ": ") + steps.get(e.to()).localId());
            }
            if (!to.isEmpty()) out.append(" -> ").append(String.join(", ", to));
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * The graph as SVG, laid out as {@link #png} is, with its labels as text: what a notebook shows first, drawn
     * here, so it needs no script or network (JupyterLab, VS Code, nbconvert's HTML).
     */
    public String svg() {
        Layout layout = layout();
        StringBuilder out = new StringBuilder(2048 + 400 * steps.size());
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(layout.width).append("\" height=\"")
                .append(layout.height).append("\" viewBox=\"0 0 ").append(layout.width).append(' ')
                .append(layout.height).append("\" font-family=\"sans-serif\" role=\"img\">")
                .append("<title>").append(Html.escape(outline().strip())).append("</title>")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
        for (EdgePath e : layout.edges) {
            out.append("<path d=\"").append(e.svgPath()).append("\" fill=\"none\" stroke=\"#555555\" stroke-width=\"1.5\"/>")
                    .append("<polygon points=\"").append(e.endX - 5).append(',').append(e.endY - 8).append(' ')
                    .append(e.endX + 5).append(',').append(e.endY - 8).append(' ').append(e.endX).append(',')
                    .append(e.endY).append("\" fill=\"#555555\"/>");
            if (e.port != null) {
                text(out, e.port, e.labelX, e.labelY, OPERATOR_SIZE, "start", "normal", "#555555");
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            int[] p = layout.pos[i];
            out.append("<rect x=\"").append(p[0]).append("\" y=\"").append(p[1]).append("\" width=\"").append(BOX_W)
                    .append("\" height=\"").append(BOX_H).append("\" rx=\"6\" fill=\"#eef3fb\" stroke=\"#1f77b4\"/>");
            text(out, layout.titles[i], p[0] + BOX_W / 2, p[1] + 20, TITLE_SIZE, "middle", "bold", "#000000");
            text(out, layout.operators[i], p[0] + BOX_W / 2, p[1] + 38, OPERATOR_SIZE, "middle", "normal", "#444444");
        }
        return out.append("</svg>").toString();
    }

    /** The graph drawn top to bottom, each step in the layer after its deepest upstream, long flows in columns. */
    public byte[] png() {
        Layout layout = layout();
        BufferedImage image = new BufferedImage(layout.width, layout.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, layout.width, layout.height);
            g.setStroke(new BasicStroke(1.5f));
            Font small = new Font(Font.SANS_SERIF, Font.PLAIN, OPERATOR_SIZE);
            for (EdgePath e : layout.edges) {
                g.setColor(new Color(0x55, 0x55, 0x55));
                g.draw(e.path2d());
                g.fillPolygon(new int[] {e.endX - 5, e.endX + 5, e.endX}, new int[] {e.endY - 8, e.endY - 8, e.endY}, 3);
                if (e.port != null) {
                    g.setFont(small);
                    g.drawString(e.port, e.labelX, e.labelY);
                }
            }
            Font bold = new Font(Font.SANS_SERIF, Font.BOLD, TITLE_SIZE);
            for (int i = 0; i < steps.size(); i++) {
                int[] p = layout.pos[i];
                g.setColor(new Color(0xEE, 0xF3, 0xFB));
                g.fillRoundRect(p[0], p[1], BOX_W, BOX_H, 12, 12);
                g.setColor(new Color(0x1f, 0x77, 0xb4));
                g.drawRoundRect(p[0], p[1], BOX_W, BOX_H, 12, 12);
                g.setColor(Color.BLACK);
                centred(g, bold, layout.titles[i], p[0] + BOX_W / 2, p[1] + 20);
                g.setColor(Color.DARK_GRAY);
                centred(g, small, layout.operators[i], p[0] + BOX_W / 2, p[1] + 38);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static final int BOX_W = 180;
    private static final int BOX_H = 48;
    private static final int GAP_X = 30;
    private static final int GAP_Y = 34;
    private static final int MARGIN = 20;
    private static final int TITLE_SIZE = 14;
    private static final int OPERATOR_SIZE = 12;
    /** Layers per column: a longer flow continues in the next column, so 30 steps fit a notebook's width. */
    static final int LAYERS_PER_COLUMN = 8;

    /** Where each box and edge goes; the SVG and the PNG draw the same one. */
    private record Layout(int width, int height, int[][] pos, String[] titles, String[] operators,
            List<EdgePath> edges) {
    }

    /**
     * An edge: a curve from the bottom of one box to the top of another, or, into the next column, down to the
     * bottom margin, across the gap between the columns, up to the top margin and down into the box.
     */
    private record EdgePath(double[] points, boolean curve, int endX, int endY, String port, int labelX,
            int labelY) {

        String svgPath() {
            StringBuilder d = new StringBuilder("M").append(fmt(points[0])).append(' ').append(fmt(points[1]));
            d.append(curve ? " C" : " L");
            for (int i = 2; i < points.length; i += 2) d.append(' ').append(fmt(points[i])).append(' ').append(fmt(points[i + 1]));
            return d.toString();
        }

        Path2D path2d() {
            Path2D path = new Path2D.Double();
            path.moveTo(points[0], points[1]);
            if (curve) {
                path.curveTo(points[2], points[3], points[4], points[5], points[6], points[7]);
            } else {
                for (int i = 2; i < points.length; i += 2) path.lineTo(points[i], points[i + 1]);
            }
            return path;
        }

        private static String fmt(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }

    private Layout layout() {
        int[] layer = new int[steps.size()];
        for (int i = 0; i < steps.size(); i++) {
            for (Edge e : edges) if (e.to() == i && e.from() < i) layer[i] = Math.max(layer[i], layer[e.from()] + 1);
        }
        int layers = 0;
        for (int l : layer) layers = Math.max(layers, l + 1);
        List<List<Integer>> byLayer = new ArrayList<>();
        for (int l = 0; l < layers; l++) byLayer.add(new ArrayList<>());
        for (int i = 0; i < steps.size(); i++) byLayer.get(layer[i]).add(i);
        int columns = Math.max(1, (layers + LAYERS_PER_COLUMN - 1) / LAYERS_PER_COLUMN);
        int rows = Math.min(Math.max(layers, 1), LAYERS_PER_COLUMN);
        int[] columnX = new int[columns + 1];
        columnX[0] = MARGIN;
        for (int c = 0; c < columns; c++) {
            int widest = 1;
            for (int l = c * LAYERS_PER_COLUMN; l < Math.min(layers, (c + 1) * LAYERS_PER_COLUMN); l++) {
                widest = Math.max(widest, byLayer.get(l).size());
            }
            columnX[c + 1] = columnX[c] + widest * (BOX_W + GAP_X) - GAP_X + 2 * GAP_X;
        }
        int width = Math.max(240, columnX[columns] - 2 * GAP_X + MARGIN);
        int height = Math.max(80, 2 * MARGIN + rows * (BOX_H + GAP_Y) - GAP_Y);
        int[][] pos = new int[steps.size()][];
        for (int l = 0; l < layers; l++) {
            int c = l / LAYERS_PER_COLUMN;
            List<Integer> row = byLayer.get(l);
            int rowW = row.size() * (BOX_W + GAP_X) - GAP_X;
            int x0 = columnX[c] + (columnX[c + 1] - 2 * GAP_X - columnX[c] - rowW) / 2;
            int y = MARGIN + (l % LAYERS_PER_COLUMN) * (BOX_H + GAP_Y);
            for (int k = 0; k < row.size(); k++) pos[row.get(k)] = new int[] {x0 + k * (BOX_W + GAP_X), y};
        }
        FontMetrics title = metrics(new Font(Font.SANS_SERIF, Font.BOLD, TITLE_SIZE));
        FontMetrics small = metrics(new Font(Font.SANS_SERIF, Font.PLAIN, OPERATOR_SIZE));
        String[] titles = new String[steps.size()];
        String[] operators = new String[steps.size()];
        for (int i = 0; i < steps.size(); i++) {
            titles[i] = fit(title, steps.get(i).localId(), BOX_W - 12);
            operators[i] = fit(small, steps.get(i).operator(), BOX_W - 12);
        }
        List<EdgePath> paths = new ArrayList<>();
        for (Edge e : edges) {
            int[] a = pos[e.from()];
            int[] b = pos[e.to()];
            int x1 = a[0] + BOX_W / 2;
            int y1 = a[1] + BOX_H;
            int x2 = b[0] + BOX_W / 2;
            int y2 = b[1];
            String port = e.port().equals("down") ? null : e.port();
            if (b[1] > a[1]) {
                double bend = (y2 - y1) / 2.0;
                paths.add(new EdgePath(new double[] {x1, y1, x1, y1 + bend, x2, y2 - bend, x2, y2 - 6}, true, x2, y2,
                        port, (x1 + x2) / 2 + 4, (y1 + y2) / 2));
            } else {
                int gapX = columnX[layer[e.to()] / LAYERS_PER_COLUMN] - GAP_X;
                int bottom = height - MARGIN / 2;
                int top = MARGIN / 2;
                paths.add(new EdgePath(new double[] {x1, y1, x1, bottom, gapX, bottom, gapX, top, x2, top, x2, y2 - 6},
                        false, x2, y2, port, x1 + 4, y1 + 14));
            }
        }
        return new Layout(width, height, pos, titles, operators, paths);
    }

    private static FontMetrics metrics(Font font) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            return g.getFontMetrics(font);
        } finally {
            g.dispose();
        }
    }

    private static void text(StringBuilder out, String text, int x, int y, int size, String anchor, String weight,
            String colour) {
        out.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" font-size=\"").append(size)
                .append("\" font-weight=\"").append(weight).append("\" text-anchor=\"").append(anchor)
                .append("\" fill=\"").append(colour).append("\">").append(Html.escape(text)).append("</text>");
    }

    @Override
    public String toString() {
        return "FlowDiagram(" + flowId + ": " + steps.size() + " steps, " + edges.size() + " edges)";
    }

    private static void centred(Graphics2D g, Font font, String text, int cx, int baseline) {
        g.setFont(font);
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, cx - m.stringWidth(text) / 2, baseline);
    }

    private static String fit(FontMetrics m, String text, int max) {
        String t = text;
        while (t.length() > 1 && m.stringWidth(t) > max) t = t.substring(0, t.length() - 2) + "…";
        return t;
    }
}
