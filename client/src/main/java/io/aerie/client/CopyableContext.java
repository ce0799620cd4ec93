package io.aerie.client;

/**
 * What the client's contexts share to copy themselves, as Aeron's contexts do: {@link #clone()} is a field-by-field
 * copy, to configure apart from the original; a context holding something mutable (a list, a part context) overrides
 * it to copy that too. One place for {@code Object.clone()}'s checked exception, which a {@link Cloneable} never
 * throws.
 *
 * @param <T> the context type itself.
 */
abstract class CopyableContext<T extends CopyableContext<T>> implements Cloneable
{
    /**
     * A copy, to configure apart from this one (as Aeron's contexts); part of {@link AerieClient.Context#clone()}.
     *
     * @return the copy.
     */
    @Override
    @SuppressWarnings("unchecked")
    public T clone()
    {
        try
        {
            return (T)super.clone();
        }
        catch (final CloneNotSupportedException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
