package dev.eddy.kernel;

import io.github.spencerpark.jupyter.kernel.magic.registry.CellMagicFunction;
import io.github.spencerpark.jupyter.kernel.magic.registry.LineMagicFunction;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * basekernel's {@link Magics} (what extensions reach through {@code getMagics()}), refusing a second magic under a
 * name already taken and remembering names for {@code %lsmagic}.
 */
final class MagicRegistry extends Magics {
    private final SortedSet<String> lineNames = Collections.synchronizedSortedSet(new TreeSet<>());
    private final SortedSet<String> cellNames = Collections.synchronizedSortedSet(new TreeSet<>());

    @Override
    public void registerLineMagic(String name, LineMagicFunction<?> magic) {
        claim(lineNames, name, "%");
        super.registerLineMagic(name, magic);
    }

    @Override
    public void registerCellMagic(String name, CellMagicFunction<?> magic) {
        claim(cellNames, name, "%%");
        super.registerCellMagic(name, magic);
    }

    @Override
    public <T extends LineMagicFunction<?> & CellMagicFunction<?>> void registerLineCellMagic(String name, T magic) {
        registerLineMagic(name, magic);
        registerCellMagic(name, magic);
    }

    SortedSet<String> lineMagicNames() {
        return new TreeSet<>(lineNames);
    }

    SortedSet<String> cellMagicNames() {
        return new TreeSet<>(cellNames);
    }

    boolean hasLineMagic(String name) {
        return lineNames.contains(name);
    }

    private static void claim(SortedSet<String> names, String name, String prefix) {
        if (name == null || !name.matches("[A-Za-z_][\\w.-]*"))
            throw new IllegalArgumentException("magic name must be a word such as 'maven'; got '" + name + "' instead");
        if (!names.add(name))
            throw new IllegalArgumentException("magic name must be unique; got " + prefix + name
                    + " a second time; pick another name");
    }
}
