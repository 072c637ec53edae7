package dev.eddy.notebook.parquet;

import io.airlift.compress.snappy.SnappyCompressor;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Compresses a Parquet writer's pages with Snappy in pure Java (aircompressor), in place of parquet-java's
 * {@code CodecFactory}, which needs Hadoop's compression classes to load. Writing only: a writer never
 * decompresses.
 */
final class SnappyPages implements CompressionCodecFactory, CompressionCodecFactory.BytesInputCompressor {

    private final SnappyCompressor snappy = new SnappyCompressor();

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        if (codec != CompressionCodecName.SNAPPY) {
            throw new IllegalArgumentException("Parquet page codec must be SNAPPY; got " + codec + " instead");
        }
        return this;
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        throw new UnsupportedOperationException("SnappyPages must only compress; got a request to decompress "
                + codec + " pages instead; read Parquet with parquet-java's reader");
    }

    @Override
    public BytesInput compress(BytesInput page) throws java.io.IOException {
        byte[] in = page.toByteArray();
        byte[] out = new byte[snappy.maxCompressedLength(in.length)];
        int n = snappy.compress(in, 0, in.length, out, 0, out.length);
        return BytesInput.from(Arrays.copyOf(out, n));
    }

    @Override
    public CompressionCodecName getCodecName() {
        return CompressionCodecName.SNAPPY;
    }

    @Override
    public void release() {
    }
}
