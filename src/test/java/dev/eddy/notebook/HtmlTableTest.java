package dev.eddy.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.AbstractList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class HtmlTableTest {

    @Test
    void textIsEscapedSoScriptsNeverRun() {
        Table t = Table.create("x<y", StringColumn.create("s<>", "<script>alert('x')</script> & \"q\""));
        String html = HtmlTable.render(t, TableLimits.defaults());
        assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("&amp; &quot;q&quot;").contains("s&lt;&gt;").contains("x&lt;y — 1 row × 1 column");
    }

    @Test
    void hasACaptionHeaderAndTypeRow() {
        Table t = Table.create("readings", IntColumn.create("n", 1, 2), StringColumn.create("s", "a", null));
        String html = HtmlTable.render(t, TableLimits.defaults());
        assertThat(html).contains("<caption><small>readings — 2 rows × 2 columns</small></caption>")
                .contains("<th><small><i>integer</i></small></th><th><small><i>string</i></small></th>");
        assertThat(html).doesNotContain("<style");
    }

    @Test
    void longTablesShowHeadAndTailWithTheirRealRowNumbers() {
        Table t = Table.create("t", IntColumn.create("n", IntStream.range(0, 100).toArray()));
        String html = HtmlTable.render(t, TableLimits.defaults());
        assertThat(html).contains("<tr><th>9</th><td>9</td></tr><tr><th>…</th><td>…</td></tr><tr><th>90</th>")
                .doesNotContain("<th>10</th>").contains("<th>99</th>");
        assertThat(PlainTable.render(t, TableLimits.defaults())).contains("\n 9   9\n").contains("\n …   …\n");
    }

    @Test
    void rowAndColumnLimitsCanBeSet() {
        Table t = Table.create("wide");
        for (int c = 0; c < 40; c++) t.addColumns(IntColumn.create("c" + c, 1, 2, 3, 4, 5, 6, 7, 8));
        String html = HtmlTable.render(t, new TableLimits(4, 6, 50));
        assertThat(html).contains("<th>c2</th><th>…</th><th>c37</th>").doesNotContain("<th>c3</th>")
                .contains("<th>1</th>").contains("<th>6</th>").doesNotContain("<th>3</th>");
    }

    @Test
    void longCellsAreCutWithTheFullTextInTheTitle() {
        Table t = Table.create("t", StringColumn.create("s", "x".repeat(80)));
        String html = HtmlTable.render(t, TableLimits.defaults());
        assertThat(html).contains("title=\"" + "x".repeat(80) + "\"").contains("x".repeat(49) + "…</span>");
    }

    @Test
    void tenMillionRowsRenderOnlyWhatIsShown() {
        Table t = Table.create("big", IntColumn.create("n", IntStream.range(0, 10_000_000).toArray()));
        String html = HtmlTable.render(t, TableLimits.defaults());
        assertThat(html).contains("big — 10000000 rows × 1 column").contains("<th>9999999</th>");
        assertThat(html.length()).isLessThan(4_000);
    }

    @Test
    void tenMillionCapturedItemsConvertOnlyTheRowsShown() {
        List<Object> items = new AbstractList<>() {
            @Override
            public Object get(int i) {
                return new TablesTest.Click("u" + i, TablesTest.T0.plusSeconds(i), i);
            }

            @Override
            public int size() {
                return 10_000_000;
            }
        };
        var results = new Results("big", List.of(new Results.Entry("clicks", items, null, null, items.size())), false);
        String html = results.html(TableLimits.defaults());
        assertThat(html).contains("clicks — 10000000 rows × 3 columns").contains("<td>u9999999</td>")
                .contains("<th>9999990</th>");
        assertThat(results.text(TableLimits.defaults())).contains("u9999999");
    }
}
