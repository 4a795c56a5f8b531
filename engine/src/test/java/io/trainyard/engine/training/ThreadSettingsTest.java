package io.trainyard.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trainyard.api.model.Model;
import io.trainyard.api.model.Parameters;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ThreadSettingsTest {

    private final int blasThreads = Nd4j.factory().blas().getMaxThreads();

    @AfterEach
    void restoreThreads() {
        Nd4j.factory().blas().setMaxThreads(blasThreads);
    }

    /**
     * A model that runs parts of each batch on threads of its own takes the budget and BLAS gets one thread; a model
     * that declines leaves BLAS the budget.
     */
    @ParameterizedTest
    @CsvSource({"true, 1", "false, 2"})
    void theModelIsOfferedTheBudgetAndBlasKeepsWhatItDeclines(boolean takes, int blasThreadsAfter) {
        ThreadSettings.apply(2);
        Offered model = new Offered(takes);
        ThreadSettings.offer(model, 2);
        assertEquals(List.of(2), model.offers);
        assertEquals(blasThreadsAfter, Nd4j.factory().blas().getMaxThreads());
    }

    /** A model that only answers the offer. */
    private static final class Offered implements Model {

        private final boolean takes;
        private final List<Integer> offers = new ArrayList<>();

        Offered(boolean takes) {
            this.takes = takes;
        }

        @Override
        public boolean takeThreads(int threads) {
            offers.add(threads);
            return takes;
        }

        @Override
        public INDArray forward(INDArray input, boolean training) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void backward(INDArray gradOutput) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Parameters parameters() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String summary() {
            return "offered";
        }
    }
}
