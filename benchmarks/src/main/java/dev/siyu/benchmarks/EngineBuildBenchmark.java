package dev.siyu.benchmarks;

import dev.siyu.SiyuEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** (c) Building the engine with the default pack: cold (a fresh JVM each time) and warm. */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EngineBuildBenchmark {

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Fork(value = 5, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public SiyuEngine cold() {
        return SiyuEngine.builder().build();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
    @Warmup(iterations = 3, time = 5)
    @Measurement(iterations = 3, time = 5)
    public SiyuEngine warm() {
        return SiyuEngine.builder().build();
    }
}
