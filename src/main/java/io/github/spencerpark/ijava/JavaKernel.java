package io.github.spencerpark.ijava;

import io.github.spencerpark.ijava.magics.MavenResolver;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;

/**
 * The methods IJava 1.3.0 notebooks call on {@code IJava.getKernelInstance()}, which the Eddy kernel implements;
 * see {@link IJava} for why the class has IJava's name.
 */
public abstract class JavaKernel extends BaseKernel {
    static volatile JavaKernel running;

    /** Makes this kernel the one {@link IJava#getKernelInstance()} returns. */
    protected JavaKernel() {
        running = this;
    }

    /** The registry of line and cell magics. */
    public abstract Magics getMagics();

    /** Resolves Maven artifacts onto the notebook's class path, as the {@code %maven} magics do. */
    public abstract MavenResolver getMavenResolver();

    /** Adds jars or folders, separated by the path separator, to what cells compile against and load. */
    public abstract void addToClasspath(String path);

    /** Evaluates {@code code} as a cell would and returns its value as a live object (null for none). */
    public abstract Object evalRaw(String code) throws Exception;
}
