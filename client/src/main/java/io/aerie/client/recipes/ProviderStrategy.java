package io.aerie.client.recipes;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How a {@link ServiceProvider} picks one instance among those registered. Called on the thread that asks the
 * provider; implementations keep their own state (a round-robin position) and need not be thread safe if the
 * provider is used from one thread.
 */
@FunctionalInterface
public interface ProviderStrategy
{
    /**
     * @param instances the registered instances, in id order; never empty.
     * @return the instance to use, one of {@code instances}.
     */
    ServiceInstance pick(List<ServiceInstance> instances);

    /**
     * @return a strategy that takes the instances in id order, one after the other, starting again after the last
     * (positions count calls, so an instance added or removed shifts the turn).
     */
    static ProviderStrategy roundRobin()
    {
        return new RoundRobin();
    }

    /**
     * @param random where the choice comes from: a seeded generator gives a repeatable sequence (tests), any
     *               {@link RandomGenerator} will do; used only on this client.
     * @return a strategy that picks uniformly at random.
     */
    static ProviderStrategy random(final RandomGenerator random)
    {
        Objects.requireNonNull(random, "random");
        return instances -> instances.get(random.nextInt(instances.size()));
    }

    /**
     * Round robin over the list as it is at each call.
     */
    final class RoundRobin implements ProviderStrategy
    {
        private int next;

        @Override
        public ServiceInstance pick(final List<ServiceInstance> instances)
        {
            final int index = Math.floorMod(next++, instances.size());
            return instances.get(index);
        }
    }
}
