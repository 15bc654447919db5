/** UserRepository against the real Mongo-wire server. */
import { StoreConflict, type Store } from '../../../store';
import { newUser, testStores } from './fixtures';

const stores = testStores('store-users');
let store: Store;

beforeAll(async () => {
  store = await stores.open();
});

afterAll(async () => {
  await stores.close();
});

describe('users', () => {
  it('when a user is created, then it is read back by id with its defaults', async () => {
    // Arrange
    const input = newUser({ roles: ['engineer', 'quality'] });

    // Act
    const created = await store.users.create(input);
    const read = await store.users.get(created.id);

    // Assert
    expect(created.id).toBe(input.email.toLowerCase());
    expect(read).toEqual(created);
    expect(read).toMatchObject({ email: input.email, name: input.name, roles: ['engineer', 'quality'], sites: input.sites, lines: input.lines, disabled: false });
    expect(read?.createdAt).toBeInstanceOf(Date);
    expect(read?.passwordChangedAt.getTime()).toBe(read?.createdAt.getTime());
  });

  it('when an email is looked up in another case, then the same user is found', async () => {
    // Arrange
    const created = await store.users.create(newUser({ email: 'Mixed.Case@Plant.Example' }));

    // Act
    const found = await store.users.byEmail('  MIXED.case@plant.EXAMPLE ');

    // Assert
    expect(found?.id).toBe('mixed.case@plant.example');
    expect(found?.id).toBe(created.id);
    expect(await store.users.byEmail('nobody@plant.example')).toBeNull();
  });

  it('when the same email is created twice in another case, then the second is refused with user-exists', async () => {
    // Arrange
    const input = newUser();
    await store.users.create(input);

    // Act
    const second = store.users.create({ ...input, email: input.email.toUpperCase(), name: 'Impostor' });

    // Assert
    await expect(second).rejects.toBeInstanceOf(StoreConflict);
    await expect(second).rejects.toMatchObject({ code: 'user-exists' });
    expect((await store.users.get(input.email))?.name).toBe(input.name);
  });

  it('when a user is updated, then only the given fields change and a new password moves passwordChangedAt', async () => {
    // Arrange
    const created = await store.users.create(newUser());
    await new Promise((r) => setTimeout(r, 5));

    // Act
    const renamed = await store.users.update(created.id, { name: 'Renamed', lines: [], disabled: undefined });
    const rekeyed = await store.users.update(created.id.toUpperCase(), { passwordHash: '$argon2id$new', disabled: true });

    // Assert
    expect(renamed).toMatchObject({ name: 'Renamed', lines: [], roles: created.roles, disabled: false });
    expect(renamed.passwordChangedAt.getTime()).toBe(created.passwordChangedAt.getTime());
    expect(renamed.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime());
    expect(rekeyed).toMatchObject({ name: 'Renamed', passwordHash: '$argon2id$new', disabled: true });
    expect(rekeyed.passwordChangedAt.getTime()).toBeGreaterThan(created.passwordChangedAt.getTime());
    expect(await store.users.get(created.id)).toEqual(rekeyed);
  });

  it('when an unknown user is updated, then it is refused with user-not-found', async () => {
    // Act
    const update = store.users.update('ghost@plant.example', { name: 'Ghost' });

    // Assert
    await expect(update).rejects.toMatchObject({ code: 'user-not-found' });
    expect(await store.users.get('ghost@plant.example')).toBeNull();
  });

  it('when users are listed and counted, then every user is there, in id order', async () => {
    // Arrange
    await store.users.create(newUser({ email: 'zz-last@plant.example' }));

    // Act
    const [list, count] = await Promise.all([store.users.list(), store.users.count()]);

    // Assert
    expect(list).toHaveLength(count);
    expect(list.map((u) => u.id)).toEqual([...list.map((u) => u.id)].sort());
    expect(list.map((u) => u.id)).toContain('zz-last@plant.example');
  });
});
