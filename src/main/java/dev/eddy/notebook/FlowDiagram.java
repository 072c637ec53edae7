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
 * A flow's top-level steps and the streams between them, shown three ways: Mermaid in Markdown (from
 * {@link FlowGraph#toMermaid}; JupyterLab 4.1+ draws it), a PNG laid out in layers, and a text outline.
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

    /** The graph drawn top to bottom, each step in the layer after its deepest upstream. */
    public byte[] png() {
        int[] layer = new int[steps.size()];
        for (int i = 0; i < steps.size(); i++) {
            for (Edge e : edges) if (e.to() == i && e.from() < i) layer[i] = Math.max(layer[i], layer[e.from()] + 1);
        }
        int layers = 0;
        for (int l : layer) layers = Math.max(layers, l + 1);
        List<List<Integer>> byLayer = new ArrayList<>();
        for (int l = 0; l < layers; l++) byLayer.add(new ArrayList<>());
        for (int i = 0; i < steps.size(); i++) byLayer.get(layer[i]).add(i);
        int boxW = 170;
        int boxH = 44;
        int gapX = 30;
        int gapY = 46;
        int widest = byLayer.stream().mapToInt(List::size).max().orElse(1);
        int width = Math.max(240, widest * (boxW + gapX) + gapX);
        int height = Math.max(80, layers * (boxH + gapY) + gapY);
        int[][] pos = new int[steps.size()][];
        for (int l = 0; l < layers; l++) {
            List<Integer> row = byLayer.get(l);
            int rowW = row.size() * (boxW + gapX) - gapX;
            int x0 = (width - rowW) / 2;
            for (int k = 0; k < row.size(); k++) pos[row.get(k)] = new int[] {x0 + k * (boxW + gapX), gapY / 2 + l * (boxH + gapY)};
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setStroke(new BasicStroke(1.5f));
            Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
            for (Edge e : edges) {
                int[] a = pos[e.from()];
                int[] b = pos[e.to()];
                int x1 = a[0] + boxW / 2;
                int y1 = a[1] + boxH;
                int x2 = b[0] + boxW / 2;
                int y2 = b[1];
                g.setColor(new Color(0x55, 0x55, 0x55));
                Path2D path = new Path2D.Double();
                path.moveTo(x1, y1);
                path.curveTo(x1, y1 + gapY / 2.0, x2, y2 - gapY / 2.0, x2, y2 - 6);
                g.draw(path);
                g.fillPolygon(new int[] {x2 - 5, x2 + 5, x2}, new int[] {y2 - 8, y2 - 8, y2}, 3);
                if (!e.port().equals("down")) {
                    g.setFont(small);
                    g.drawString(e.port(), (x1 + x2) / 2 + 4, (y1 + y2) / 2);
                }
            }
            Font bold = new Font(Font.SANS_SERIF, Font.BOLD, 13);
            for (int i = 0; i < steps.size(); i++) {
                int[] p = pos[i];
                g.setColor(new Color(0xEE, 0xF3, 0xFB));
                g.fillRoundRect(p[0], p[1], boxW, boxH, 10, 10);
                g.setColor(new Color(0x1f, 0x77, 0xb4));
                g.drawRoundRect(p[0], p[1], boxW, boxH, 10, 10);
                g.setColor(Color.BLACK);
                centred(g, bold, fit(g, bold, steps.get(i).localId(), boxW - 10), p[0] + boxW / 2, p[1] + 19);
                g.setColor(Color.DARK_GRAY);
                centred(g, small, fit(g, small, steps.get(i).operator(), boxW - 10), p[0] + boxW / 2, p[1] + 35);
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

    @Override
    public String toString() {
        return "FlowDiagram(" + flowId + ": " + steps.size() + " steps, " + edges.size() + " edges)";
    }

    private static void centred(Graphics2D g, Font font, String text, int cx, int baseline) {
        g.setFont(font);
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, cx - m.stringWidth(text) / 2, baseline);
    }

    private static String fit(Graphics2D g, Font font, String text, int max) {
        FontMetrics m = g.getFontMetrics(font);
        String t = text;
        while (t.length() > 1 && m.stringWidth(t) > max) t = t.substring(0, t.length() - 2) + "…";
        return t;
    }
}
