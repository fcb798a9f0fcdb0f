package dev.ocitrust.client;

class MemoryStoreTest extends TargetContractTest {
  @Override
  Target newStore() {
    return new MemoryStore();
  }
}
