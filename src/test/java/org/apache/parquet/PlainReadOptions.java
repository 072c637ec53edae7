package org.apache.parquet;

import java.util.Map;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

/**
 * Read options for parquet-java's file reader with a codec factory of the test's own. Lives in parquet-java's
 * package because {@code ParquetReadOptions.Builder} always makes a Hadoop codec factory first, and Hadoop is not
 * on Eddy's class path; the options' own constructor is package-private.
 */
public final class PlainReadOptions {

    private PlainReadOptions() {
    }

    public static ParquetReadOptions with(CompressionCodecFactory codecs) {
        return new ParquetReadOptions(false, true, true, true, true, false, true, false, false, FilterCompat.NOOP,
                ParquetMetadataConverter.NO_FILTER, codecs, new HeapByteBufferAllocator(), 8 << 20, Map.of(), null,
                null, new PlainParquetConfiguration());
    }
}
